"""The sections a CPT page may hold, in page order, and which part of the page each is in."""

from __future__ import annotations

#: A CPT page's sections in page order: the coder's summary facts, the coder's sections,
#: the clinical ones, and last the patient-facing ones.
CPT_SECTIONS: tuple[tuple[str, str], ...] = (
    ("code_kind", "Kind of code"),
    ("sides", "One side or both"),
    ("includes", "What the code includes"),
    ("primary_procedures", "Primary procedures"),
    ("coding_notes", "Coding notes"),
    ("documentation", "Documentation needs"),
    ("medical_necessity", "Medical necessity"),
    ("summary", "Summary in plain words"),
    ("lay_description", "Lay description"),
    ("indications", "Indications"),
    ("procedure_steps", "Procedure steps"),
    ("duration", "Duration"),
    ("setting", "Setting"),
    ("places_of_service", "Places of service"),
    ("personnel", "Personnel"),
    ("specialties", "Specialties"),
    ("clinical_examples", "Clinical examples"),
    ("preparation", "Preparation"),
    ("post_procedure", "Post-procedure and recovery"),
    ("risks", "Risks"),
    ("benefits", "Benefits"),
    ("alternatives", "Alternatives"),
    ("patient_experience", "Patient experience"),
)
#: The sections shown as rows of the coder's summary at the top of the page.
CPT_SUMMARY_SECTIONS = frozenset({"code_kind", "sides", "includes", "primary_procedures"})
#: The coder's own sections, right after the summary.
CPT_CODER_SECTIONS = frozenset({"coding_notes", "documentation", "medical_necessity"})
#: The patient-facing sections: last, and folded in the window.
CPT_PATIENT_SECTIONS = frozenset(
    {"preparation", "post_procedure", "risks", "benefits", "alternatives", "patient_experience"}
)
