"""Each language's rules in one place: its labels, its punctuation, its tags, its scaffold words.

Plain data, one entry per language, read through `rules` only: so that a language can later
come from a file a user adds, without the rest of reportgen changing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypedDict

from ..model import Approximation, LabelKey, Language, OfficerRole


class RoleWords(TypedDict):
    """An officer role's name in each form an officer may choose."""

    masculine: str
    feminine: str
    office: str
    office_gender: Literal["masculine", "feminine"]
    """The grammatical gender of the office's name, which its rank agrees with."""


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
    roles: dict[OfficerRole, RoleWords]
    """Each officer role in the forms an officer may choose (`form:`)."""
    ordinals: dict[Literal["masculine", "feminine"], list[str]]
    """First to tenth, for ranked officers, in each gender."""
    ranked: str
    """A ranked role: `{ordinal}` and `{role}` in the language's order."""
    since: dict[Literal["year", "month", "day"], str]
    """The start of a term, `{date}` known to the year, the month or the day."""
    until: dict[Literal["year", "month", "day"], str]
    """The end of a term, likewise."""


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
            "vacant": "vacant",
            "represented_by": "en la personne de",
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
        "roles": {
            "president": {
                "masculine": "Président",
                "feminine": "Présidente",
                "office": "Présidence",
                "office_gender": "feminine",
            },
            "co-president": {
                "masculine": "Coprésident",
                "feminine": "Coprésidente",
                "office": "Coprésidence",
                "office_gender": "feminine",
            },
            "vice-president": {
                "masculine": "Vice-président",
                "feminine": "Vice-présidente",
                "office": "Vice-présidence",
                "office_gender": "feminine",
            },
            "chair": {
                "masculine": "Président",
                "feminine": "Présidente",
                "office": "Présidence",
                "office_gender": "feminine",
            },
            "co-chair": {
                "masculine": "Coprésident",
                "feminine": "Coprésidente",
                "office": "Coprésidence",
                "office_gender": "feminine",
            },
            "vice-chair": {
                "masculine": "Vice-président",
                "feminine": "Vice-présidente",
                "office": "Vice-présidence",
                "office_gender": "feminine",
            },
            "secretary": {
                "masculine": "Secrétaire",
                "feminine": "Secrétaire",
                "office": "Secrétariat",
                "office_gender": "masculine",
            },
        },
        "ordinals": {
            "masculine": [
                "Premier",
                "Deuxième",
                "Troisième",
                "Quatrième",
                "Cinquième",
                "Sixième",
                "Septième",
                "Huitième",
                "Neuvième",
                "Dixième",
            ],
            "feminine": [
                "Première",
                "Deuxième",
                "Troisième",
                "Quatrième",
                "Cinquième",
                "Sixième",
                "Septième",
                "Huitième",
                "Neuvième",
                "Dixième",
            ],
        },
        "ranked": "{ordinal} {role}",
        "since": {"year": "depuis {date}", "month": "depuis {date}", "day": "depuis le {date}"},
        "until": {"year": "jusqu'en {date}", "month": "jusqu'en {date}", "day": "jusqu'au {date}"},
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
            "vacant": "vacant",
            "represented_by": "represented by",
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
        "roles": {
            "president": {
                "masculine": "President",
                "feminine": "President",
                "office": "Presidency",
                "office_gender": "feminine",
            },
            "co-president": {
                "masculine": "Co-president",
                "feminine": "Co-president",
                "office": "Co-presidency",
                "office_gender": "feminine",
            },
            "vice-president": {
                "masculine": "Vice-president",
                "feminine": "Vice-president",
                "office": "Vice-presidency",
                "office_gender": "feminine",
            },
            "chair": {
                "masculine": "Chair",
                "feminine": "Chair",
                "office": "Chair",
                "office_gender": "feminine",
            },
            "co-chair": {
                "masculine": "Co-chair",
                "feminine": "Co-chair",
                "office": "Co-chair",
                "office_gender": "feminine",
            },
            "vice-chair": {
                "masculine": "Vice-chair",
                "feminine": "Vice-chair",
                "office": "Vice-chair",
                "office_gender": "feminine",
            },
            "secretary": {
                "masculine": "Secretary",
                "feminine": "Secretary",
                "office": "Secretariat",
                "office_gender": "feminine",
            },
        },
        "ordinals": {
            "masculine": [
                "First",
                "Second",
                "Third",
                "Fourth",
                "Fifth",
                "Sixth",
                "Seventh",
                "Eighth",
                "Ninth",
                "Tenth",
            ],
            "feminine": [
                "First",
                "Second",
                "Third",
                "Fourth",
                "Fifth",
                "Sixth",
                "Seventh",
                "Eighth",
                "Ninth",
                "Tenth",
            ],
        },
        "ranked": "{ordinal} {role}",
        "since": {"year": "since {date}", "month": "since {date}", "day": "since {date}"},
        "until": {"year": "until {date}", "month": "until {date}", "day": "until {date}"},
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
            "vacant": "vacante",
            "represented_by": "en la persona de",
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
        "roles": {
            "president": {
                "masculine": "Presidente",
                "feminine": "Presidenta",
                "office": "Presidencia",
                "office_gender": "feminine",
            },
            "co-president": {
                "masculine": "Copresidente",
                "feminine": "Copresidenta",
                "office": "Copresidencia",
                "office_gender": "feminine",
            },
            "vice-president": {
                "masculine": "Vicepresidente",
                "feminine": "Vicepresidenta",
                "office": "Vicepresidencia",
                "office_gender": "feminine",
            },
            "chair": {
                "masculine": "Presidente",
                "feminine": "Presidenta",
                "office": "Presidencia",
                "office_gender": "feminine",
            },
            "co-chair": {
                "masculine": "Copresidente",
                "feminine": "Copresidenta",
                "office": "Copresidencia",
                "office_gender": "feminine",
            },
            "vice-chair": {
                "masculine": "Vicepresidente",
                "feminine": "Vicepresidenta",
                "office": "Vicepresidencia",
                "office_gender": "feminine",
            },
            "secretary": {
                "masculine": "Secretario",
                "feminine": "Secretaria",
                "office": "Secretaría",
                "office_gender": "feminine",
            },
        },
        "ordinals": {
            "masculine": [
                "primero",
                "segundo",
                "tercero",
                "cuarto",
                "quinto",
                "sexto",
                "séptimo",
                "octavo",
                "noveno",
                "décimo",
            ],
            "feminine": [
                "primera",
                "segunda",
                "tercera",
                "cuarta",
                "quinta",
                "sexta",
                "séptima",
                "octava",
                "novena",
                "décima",
            ],
        },
        "ranked": "{role} {ordinal}",
        "since": {"year": "desde {date}", "month": "desde {date}", "day": "desde el {date}"},
        "until": {"year": "hasta {date}", "month": "hasta {date}", "day": "hasta el {date}"},
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
