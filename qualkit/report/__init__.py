"""Rendering results: CSV/XLSX files and a self-contained HTML report.

>>> tables = build_tables(result, by=["admin_uren"])            # doctest: +SKIP
>>> write_outputs(tables, "qualkit-out")                        # doctest: +SKIP
>>> write_report(tables, result, "rapport.html", quotes=5)      # doctest: +SKIP
"""
from qualkit.report.files import (
    Tables, build_tables, frequencies_long, pseudonymise_tables, workbook, write_outputs, write_tables,
)
from qualkit.report.html import render_html, write_report

__all__ = ["Tables", "build_tables", "frequencies_long", "pseudonymise_tables", "render_html", "workbook",
           "write_outputs", "write_report", "write_tables"]
