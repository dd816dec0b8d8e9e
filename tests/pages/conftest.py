"""Scenario fixtures for the statements and the glossary."""

import pytest

from pages.models import GlossaryTerm, Statement
from tests.factories import SourceFactory


@pytest.fixture
def accessibility_statement(db):
    statement = Statement.objects.create(
        kind="accessibility",
        status="published",
        title_da="Tilgængelighedserklæring",
        title_nb="Tilgjengelighetserklæring",
        title_en="Accessibility statement",
        summary_da="Resumé.",
        summary_nb="Sammendrag.",
        summary_en="Summary.",
        body_da="## Feedback og kontakt\n\n[[feedback]]\n\n[[assessment]]\n\n[[official-statements]]",
        body_nb="## Tilbakemelding og kontakt\n\n[[feedback]]\n\n[[assessment]]\n\n[[official-statements]]",
        body_en="## Legal basis\n\nThe act.\n\n- one\n- two\n\n## Feedback and contact\n\n"
        "[[feedback]]\n\n[[assessment]]\n\n[[official-statements]]",
    )
    statement.sources.set([SourceFactory(key="eu-directive", publisher="EUR-Lex", title="Directive (EU) 2016/2102")])
    return statement


@pytest.fixture
def privacy_statement(db):
    return Statement.objects.create(
        kind="privacy",
        status="published",
        title_da="Privatlivserklæring",
        title_nb="Personvernerklæring",
        title_en="Privacy statement",
        summary_da="Resumé.",
        summary_nb="Sammendrag.",
        summary_en="Summary.",
        body_da="[[controller]]\n\n[[log-retention]]",
        body_nb="[[controller]]\n\n[[log-retention]]",
        body_en="## Data controller\n\n[[controller]]\n\n[[log-retention]]",
    )


@pytest.fixture
def glossary_term(db):
    term = GlossaryTerm.objects.create(
        key="nmi",
        status="published",
        term_da="NATO's Mission i Irak (NMI)",
        term_nb="NATOs operasjon i Irak (NMI)",
        term_en="NATO Mission Iraq (NMI)",
        variants_da="NMI",
        variants_nb="NMI",
        variants_en="NATO Mission Iraq, NMI",
        definition_da="En rådgivningsmission.",
        definition_nb="Et rådgivningsoppdrag.",
        definition_en="An advisory mission.",
    )
    term.sources.set([SourceFactory(key="nato-nmi-source", publisher="NATO", title="NMI")])
    return term
