"""sacroref: an offline quick reference for coding sacral procedures."""

__version__ = "0.1.0"

#: The code-set editions the bundled content was written against.
PCS_EDITION = "ICD-10-PCS FY2026"
CPT_EDITION = "CPT 2025"
CONTENT_EDITION = f"{PCS_EDITION}, {CPT_EDITION}"
