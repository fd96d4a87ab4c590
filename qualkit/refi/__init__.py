"""REFI-QDA exchange: codebooks (``.qdc``) and coded projects (``.qdpx``).

Files open in NVivo, ATLAS.ti, MAXQDA and QualCoder; qualkit's own rules,
segments and coding methods ride along in ``[qualkit]`` blocks inside REFI
``Description`` elements, so a round trip through qualkit loses nothing.

>>> from qualkit.refi import export_qdc, import_qdc, read_qdc, export_qdpx, import_qdpx, RefiProject
"""
from qualkit.refi.meta import RefiMeta
from qualkit.refi.qdc import RefiCodebook, code_guid, export_qdc, import_qdc, qdc_bytes, read_qdc
from qualkit.refi.qdpx import export_qdpx, qdpx_bytes
from qualkit.refi.qdpx_read import RefiProject, import_qdpx

__all__ = ["export_qdc", "import_qdc", "read_qdc", "qdc_bytes", "RefiCodebook", "code_guid",
           "export_qdpx", "qdpx_bytes", "import_qdpx", "RefiProject", "RefiMeta"]
