"""`loaddata` that accepts the content fixtures in any order.

Django resolves natural-key references to objects that come later only for nullable fields. The content
fixtures reference each other across files (contributions name countries, missions and mandates), so this
command loads the files in the order of their models' dependencies, whatever order they are given in. All
files still load in one transaction: a bad fixture changes nothing. modeltranslation's own options
(--populate) are kept.
"""

import json
from pathlib import Path

from django.apps import apps
from django.core.management.commands.loaddata import Command as DjangoLoaddata
from django.core.serializers import sort_dependencies
from modeltranslation.management.commands.loaddata import Command as TranslationLoaddata


def model_order():
    """Every installed model's position in an order where each model comes after those it refers to."""
    app_list = [(app_config, None) for app_config in apps.get_app_configs()]
    return {model._meta.label_lower: index for index, model in enumerate(sort_dependencies(app_list))}


def fixture_rank(label, order):
    """The position of the first model a JSON fixture file holds; other labels keep their place."""
    path = Path(label)
    if path.suffix != ".json" or not path.is_file():
        return -1
    try:
        objects = json.loads(path.read_text(encoding="utf-8"))
        ranks = [order.get(str(obj.get("model", "")).lower(), len(order)) for obj in objects]
    except (ValueError, AttributeError, TypeError, OSError):
        return -1  # Let Django's own loader report the problem with the file's name.
    return min(ranks, default=len(order))


class Command(TranslationLoaddata):
    help = DjangoLoaddata.help + " Content fixture files may be given in any order."

    def handle(self, *fixture_labels, **options):
        order = model_order()
        ordered = sorted(fixture_labels, key=lambda label: fixture_rank(label, order))
        return super().handle(*ordered, **options)
