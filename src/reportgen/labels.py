"""The fixed words of a report in each language, overridable per report."""

from __future__ import annotations

from collections.abc import Mapping

from .model import BodyKind, LabelKey, Language, OfficerRole

LABELS: dict[Language, dict[LabelKey, str]] = {
    "fr": {
        "introduction": "Introduction",
        "activities": "Activités développées en {year}",
        "upcoming": "Prochaines activités",
        "links": "Pour en savoir plus",
        "officers": "Bureau",
        "contents": "Table des matières",
        "page": "Page",
        "page_of": "Page {page} sur {pages}",
        "event_at": "à",
    },
    "en": {
        "introduction": "Introduction",
        "activities": "Activities in {year}",
        "upcoming": "Upcoming activities",
        "links": "More information",
        "officers": "Officers",
        "contents": "Contents",
        "page": "Page",
        "page_of": "Page {page} of {pages}",
        "event_at": "in",
    },
    "es": {
        "introduction": "Introducción",
        "activities": "Actividades desarrolladas en {year}",
        "upcoming": "Próximas actividades",
        "links": "Más información",
        "officers": "Mesa directiva",
        "contents": "Índice",
        "page": "Página",
        "page_of": "Página {page} de {pages}",
        "event_at": "en",
    },
}

ROLES: dict[Language, dict[OfficerRole, str]] = {
    "fr": {
        "president": "Président",
        "co-president": "Coprésident",
        "vice-president": "Vice-président",
        "chair": "Président",
        "co-chair": "Coprésident",
        "vice-chair": "Vice-président",
        "secretary": "Secrétariat",
    },
    "en": {
        "president": "President",
        "co-president": "Co-president",
        "vice-president": "Vice-president",
        "chair": "Chair",
        "co-chair": "Co-chair",
        "vice-chair": "Vice-chair",
        "secretary": "Secretariat",
    },
    "es": {
        "president": "Presidente",
        "co-president": "Copresidente",
        "vice-president": "Vicepresidente",
        "chair": "Presidente",
        "co-chair": "Copresidente",
        "vice-chair": "Vicepresidente",
        "secretary": "Secretaría",
    },
}

KINDS: dict[Language, dict[BodyKind, str]] = {
    "fr": {
        "commission": "Commission",
        "working-group": "Groupe de travail",
        "committee": "Comité",
        "network": "Réseau",
        "task-force": "Groupe de travail spécial",
    },
    "en": {
        "commission": "Committee",
        "working-group": "Working group",
        "committee": "Committee",
        "network": "Network",
        "task-force": "Task force",
    },
    "es": {
        "commission": "Comisión",
        "working-group": "Grupo de trabajo",
        "committee": "Comité",
        "network": "Red",
        "task-force": "Grupo especial",
    },
}


def resolve_labels(
    language: Language, overrides: Mapping[LabelKey, str], year: int
) -> dict[LabelKey, str]:
    """The language's labels with the report's overrides, `{year}` filled in."""
    merged = {**LABELS[language], **overrides}
    return {key: text.replace("{year}", str(year)) for key, text in merged.items()}
