"""Each language's rules in one place: its labels, its punctuation, its tags, its scaffold words.

Plain data, one entry per language, read through `rules` only: so that a language can later
come from a file a user adds, without the rest of reportgen changing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from ..model import Approximation, LabelKey, Language


class Rules(TypedDict):
    """What reportgen needs to know of one language."""

    word_tag: str
    """The BCP 47 tag with a region for Word, whose spell-check needs one; HTML and PDF use the
    language code itself, a BCP 47 tag too."""
    colon: str
    """A colon with the spaces the language puts around it, as in `Président : M. X`."""
    fill_in_title: str
    """The heading of the theme that `reportgen new` fills with last year's upcoming events."""
    labels: dict[LabelKey, str]
    """The fixed words of a report; a report can override each with its own `labels:`."""
    approximately: dict[Approximation, str]
    """How a figure that is not exact is written, `{value}` standing for the number."""


LANGUAGES: dict[str, Rules] = {
    "fr": {
        "word_tag": "fr-FR",
        "colon": " : ",
        "fill_in_title": "Activités à compléter",
        "labels": {
            "foreword": "Avant-propos",
            "introduction": "Introduction",
            "activities": "Activités développées en {year}",
            "upcoming": "Prochaines activités",
            "action_plan": "Plan d'action",
            "links": "Pour en savoir plus",
            "officers": "Bureau",
            "secretariat": "Secrétariat",
            "annexes": "Annexes",
            "contents": "Table des matières",
            "page_of": "Page {page} sur {pages}",
            "event_at": "à",
            "figures": "Chiffres clés",
            "email": "Courriel",
            "phone": "Tél.",
            "website": "Site web",
            "president": "Président",
            "co-president": "Coprésident",
            "vice-president": "Vice-président",
            "chair": "Président",
            "co-chair": "Coprésident",
            "vice-chair": "Vice-président",
            "secretary": "Secrétariat",
            "commission": "Commission",
            "working-group": "Groupe de travail",
            "committee": "Comité",
            "network": "Réseau",
            "task-force": "Groupe de travail spécial",
            "publication": "Publication",
            "declaration": "Déclaration",
            "study": "Étude",
            "report": "Rapport",
            "guide": "Guide",
        },
        "approximately": {
            "about": "environ {value}",
            "more-than": "plus de {value}",
            "at-least": "au moins {value}",
            "less-than": "moins de {value}",
            "plus": "{value}+",
        },
    },
    "en": {
        "word_tag": "en-GB",
        "colon": ": ",
        "fill_in_title": "Activities to fill in",
        "labels": {
            "foreword": "Foreword",
            "introduction": "Introduction",
            "activities": "Activities in {year}",
            "upcoming": "Upcoming activities",
            "action_plan": "Action plan",
            "links": "More information",
            "officers": "Officers",
            "secretariat": "Secretariat",
            "annexes": "Annexes",
            "contents": "Contents",
            "page_of": "Page {page} of {pages}",
            "event_at": "in",
            "figures": "Key figures",
            "email": "E-mail",
            "phone": "Tel.",
            "website": "Website",
            "president": "President",
            "co-president": "Co-president",
            "vice-president": "Vice-president",
            "chair": "Chair",
            "co-chair": "Co-chair",
            "vice-chair": "Vice-chair",
            "secretary": "Secretariat",
            "commission": "Committee",
            "working-group": "Working group",
            "committee": "Committee",
            "network": "Network",
            "task-force": "Task force",
            "publication": "Publication",
            "declaration": "Declaration",
            "study": "Study",
            "report": "Report",
            "guide": "Guide",
        },
        "approximately": {
            "about": "about {value}",
            "more-than": "more than {value}",
            "at-least": "at least {value}",
            "less-than": "less than {value}",
            "plus": "{value}+",
        },
    },
    "es": {
        "word_tag": "es-ES",
        "colon": ": ",
        "fill_in_title": "Actividades por completar",
        "labels": {
            "foreword": "Prólogo",
            "introduction": "Introducción",
            "activities": "Actividades desarrolladas en {year}",
            "upcoming": "Próximas actividades",
            "action_plan": "Plan de acción",
            "links": "Más información",
            "officers": "Mesa directiva",
            "secretariat": "Secretaría",
            "annexes": "Anexos",
            "contents": "Índice",
            "page_of": "Página {page} de {pages}",
            "event_at": "en",
            "figures": "Cifras clave",
            "email": "Correo electrónico",
            "phone": "Tel.",
            "website": "Sitio web",
            "president": "Presidente",
            "co-president": "Copresidente",
            "vice-president": "Vicepresidente",
            "chair": "Presidente",
            "co-chair": "Copresidente",
            "vice-chair": "Vicepresidente",
            "secretary": "Secretaría",
            "commission": "Comisión",
            "working-group": "Grupo de trabajo",
            "committee": "Comité",
            "network": "Red",
            "task-force": "Grupo especial",
            "publication": "Publicación",
            "declaration": "Declaración",
            "study": "Estudio",
            "report": "Informe",
            "guide": "Guía",
        },
        "approximately": {
            "about": "unos {value}",
            "more-than": "más de {value}",
            "at-least": "al menos {value}",
            "less-than": "menos de {value}",
            "plus": "{value}+",
        },
    },
}


def rules(language: Language) -> Rules:
    """The rules of a language reportgen knows."""
    return LANGUAGES[language]


def resolve_labels(
    language: Language, overrides: Mapping[LabelKey, str], period: str
) -> dict[LabelKey, str]:
    """The language's labels with the report's overrides, `{year}` filled in."""
    merged = {**rules(language)["labels"], **overrides}
    return {key: text.replace("{year}", period) for key, text in merged.items()}
