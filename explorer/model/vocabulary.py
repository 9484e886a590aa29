"""The controlled vocabularies of a content pack: phases, sectors, source types, link kinds.

Kept apart from the content records so the app can label things without loading the content
pipeline (which it never needs at run time).
"""

from __future__ import annotations

PHASES: tuple[str, ...] = (
    "early-years", "primary", "secondary", "post-16", "higher-education", "work",
)
PHASE_LABELS: dict[str, str] = {
    "early-years": "Early years", "primary": "Primary", "secondary": "Secondary",
    "post-16": "Post-16 and FE", "higher-education": "Higher education", "work": "Work",
}


def phases_text(phases: tuple[str, ...] | list[str]) -> str:
    """Phases as people read them, in the order of schooling: "All phases" when every phase is
    there (or the pack says "all"), "" when none is."""
    if "all" in phases or set(PHASES) <= set(phases):
        return "All phases"
    known = [PHASE_LABELS[p] for p in PHASES if p in phases]
    return ", ".join(known + [p for p in phases if p not in PHASE_LABELS])


SECTORS: tuple[str, ...] = (
    "government", "regulator", "non-departmental-body", "charity", "foundation-funder",
    "research-think-tank", "university-sector", "school-trust", "employer-business",
    "membership-body", "local-government",
)
SECTOR_LABELS: dict[str, str] = {
    "government": "Government", "regulator": "Regulator",
    "non-departmental-body": "Non-departmental body", "charity": "Charity",
    "foundation-funder": "Foundation / funder", "research-think-tank": "Research / think tank",
    "university-sector": "University sector", "school-trust": "School trust",
    "employer-business": "Employer / business", "membership-body": "Membership body",
    "local-government": "Local government",
}
SOURCE_TYPES: tuple[str, ...] = (
    "report", "article", "book", "chapter", "policy", "statistics", "evaluation",
    "working-paper", "dataset", "web", "speech",
)
LINK_KINDS: tuple[str, ...] = (
    "funds", "partners", "delivers", "regulates", "evaluates", "sponsors", "founded",
    "member-of", "advises", "commissions",
)
DOCUMENTS: tuple[str, ...] = ("report", "summary")
