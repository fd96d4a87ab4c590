"""Rendering results: CSV/XLSX files, HTML reports."""
from qualkit.report.files import Tables, build_tables, frequencies_long, workbook, write_outputs

__all__ = ["Tables", "build_tables", "frequencies_long", "workbook", "write_outputs"]
