"""`loaddata` that accepts the content fixtures in any order and refuses bad data with a message naming it.

Django resolves natural-key references to objects that come later only for nullable fields. The content
fixtures reference each other across files (contributions name countries, missions and mandates), so this
command loads the files in the order of their models' dependencies, whatever order they are given in.

All files load in one transaction: a bad fixture changes nothing. Before anything is written, every JSON
file is parsed (malformed JSON is reported with its line and column) and the objects are checked for
duplicates: two objects with the same identity (primary key, unique field or unique set of fields) would
otherwise silently overwrite each other. While loading, each object's fields are validated as a form would
validate them (choices, formats, URL schemes, ranges), then as the admin would (the model's clean(): texts
required in at least one language, periods; and a slug in at least one language), and every error names the
object by its model and natural key and its position in the file. modeltranslation's own options (--populate) are kept.
"""

import json
from functools import partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.management.commands.loaddata import Command as DjangoLoaddata
from django.core.serializers import sort_dependencies
from django.db import DatabaseError, IntegrityError, connections, models
from modeltranslation.management.commands.loaddata import Command as TranslationLoaddata

from core.models import SluggedMixin


def model_order():
    """Every installed model's position in an order where each model comes after those it refers to."""
    app_list = [(app_config, None) for app_config in apps.get_app_configs()]
    return {model._meta.label_lower: index for index, model in enumerate(sort_dependencies(app_list))}


def read_json_fixture(label):
    """The objects of a JSON fixture given as a path, or None for labels that are not JSON files."""
    path = Path(label)
    if path.suffix != ".json" or not path.is_file():
        return None
    try:
        objects = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise CommandError(f"Fixture {label} is not UTF-8 text: {error}") from error
    except json.JSONDecodeError as error:
        raise CommandError(f"Fixture {label} is not valid JSON: {error}") from error
    if not isinstance(objects, list) or not all(
        isinstance(obj, dict) and isinstance(obj.get("fields", {}), dict) for obj in objects
    ):
        raise CommandError(f"Fixture {label} is not a list of objects with a model and fields.")
    return objects


def fixture_rank(objects, order):
    """The position of the first model a fixture holds; labels that are not JSON files keep their place."""
    if objects is None:
        return -1
    return min((order.get(str(obj.get("model", "")).lower(), len(order)) for obj in objects), default=len(order))


def hashable(value):
    return tuple(hashable(item) for item in value) if isinstance(value, list) else value


def identities(model, obj):
    """What must be unique about a fixture object: its primary key if given, each unique field and each
    unconditional unique set of fields. Empty values repeat freely, as in the database."""
    fields = obj.get("fields", {})
    if obj.get("pk") is not None:
        yield ("pk",), (hashable(obj["pk"]),)
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key and fields.get(field.name) not in (None, ""):
            yield (field.name,), (hashable(fields[field.name]),)
    unique_sets = [*model._meta.unique_together]
    unique_sets += [
        constraint.fields
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields and constraint.condition is None
    ]
    for names in unique_sets:
        values = tuple(hashable(fields.get(name)) for name in names)
        if all(value not in (None, "") for value in values):
            yield tuple(names), values


def describe_raw(obj, position, label):
    """A fixture object as an editor would find it: model, identifying value, place in the file."""
    fields = obj.get("fields", {})
    model_label = str(obj.get("model", "?"))
    name = obj.get("pk")
    for candidate in ("key", "code", "username", "codename", "name"):
        if name is None and fields.get(candidate) not in (None, ""):
            name = fields[candidate]
    named = f' "{name}"' if name is not None else ""
    return f"{model_label}{named} (object {position} in {label})"


def describe_instance(instance):
    try:
        name = ", ".join(str(part) for part in instance.natural_key())
    except (AttributeError, ObjectDoesNotExist):
        name = instance.pk
    return f'{instance._meta.label_lower} "{name}"' if name is not None else instance._meta.label_lower


def find_duplicates(fixtures):
    """Raise CommandError when two objects in the fixtures being loaded claim the same identity."""
    seen = {}
    for label, objects in fixtures:
        for position, obj in enumerate(objects or [], start=1):
            try:
                model = apps.get_model(str(obj.get("model", "")))
            except (LookupError, ValueError):
                continue  # Django's loader names unknown models itself.
            for names, values in identities(model, obj):
                key = (model._meta.label_lower, names, values)
                where = describe_raw(obj, position, label)
                if key in seen:
                    shown = ", ".join(f"{name}={value!r}" for name, value in zip(names, values, strict=True))
                    raise CommandError(
                        f"Duplicate key in fixtures: {where} has the same {shown} as {seen[key]}. "
                        "Each object may appear only once."
                    )
                seen[key] = where


class NamedDeferredFields:
    """Stands in for a loaded object whose references are resolved after every file has loaded, so that a
    reference that never resolves is reported with the object's name."""

    def __init__(self, deserialized, where):
        self.deserialized, self.where = deserialized, where

    def save_deferred_fields(self, using=None):
        try:
            self.deserialized.save_deferred_fields(using=using)
        except Exception as error:
            names = ", ".join(field.name for field in self.deserialized.deferred_fields)
            raise CommandError(
                f"Could not load {self.where}: {names} refers to an object that does not exist ({error})"
            ) from error


class Command(TranslationLoaddata):
    help = DjangoLoaddata.help + " Content fixture files may be given in any order; bad data is refused."

    def handle(self, *fixture_labels, **options):
        order = model_order()
        fixtures = [(label, read_json_fixture(label)) for label in fixture_labels]
        find_duplicates(fixtures)
        self.parsed = dict(fixtures)
        ordered = [label for label, objects in sorted(fixtures, key=lambda item: fixture_rank(item[1], order))]
        try:
            return super().handle(*ordered, **options)
        except CommandError:
            raise
        except Exception as error:
            # The transaction has been rolled back; report the cause on one line, without a traceback.
            raise CommandError(" ".join(line.strip() for line in str(error).splitlines() if line.strip())) from error

    def loaddata(self, fixture_labels):
        self.saved = {}  # model: [(pk, description)] of every object saved, for check_references
        connection = connections[self.using]
        # After the last object is saved, Django checks the deferred foreign keys in one go; look first,
        # so that a reference to a missing row is reported with the object that holds it.
        connection.check_constraints = partial(self.check_references, connection.check_constraints)
        try:
            super().loaddata(fixture_labels)
        finally:
            del connection.check_constraints

    def load_label(self, fixture_label):
        self.current_label, self.current_position = fixture_label, 0
        try:
            super().load_label(fixture_label)
        except Exception as error:
            objects = self.parsed.get(fixture_label)
            named = getattr(error, "names_object", False)
            if not named and objects and self.current_position < len(objects) and not self.ignore:
                # Django failed while reading the next object, before handing it over.
                where = describe_raw(objects[self.current_position], self.current_position + 1, fixture_label)
                error.args = (f"{error.args[0] if error.args else error} [{where}]",)
            raise

    def save_obj(self, obj):
        self.current_position += 1
        instance = obj.object
        where = f"{describe_instance(instance)} (object {self.current_position} in {self.current_label})"
        try:
            self.check_object(obj, where)
            saved = super().save_obj(obj)
        except (DatabaseError, ValueError) as error:
            message = str(error).removeprefix(f"Could not load {instance._meta.label}(pk={instance.pk}): ")
            error.args = (f"Could not load {where}: {message}",)
            error.names_object = True
            raise
        if obj.deferred_fields and self.objs_with_deferred_fields[-1:] == [obj]:
            self.objs_with_deferred_fields[-1] = NamedDeferredFields(obj, where)
        self.saved.setdefault(type(instance), []).append((instance.pk, where))
        return saved

    def check_object(self, obj, where):
        """Refuse invalid values, and references to objects that do not exist."""
        instance = obj.object
        for field, value in obj.deferred_fields.items():
            if isinstance(field, models.ForeignKey) and not field.null:
                raise IntegrityError(
                    f"{field.name} refers to {field.related_model._meta.label_lower} {value!r}, which does not "
                    "exist (an object must come after those it refers to)."
                )
        # Each value given is checked as a form field would check it (format, choices, validators such as
        # URL schemes and ranges). Empty values are left to the database: whether a column may be empty is
        # its NOT NULL rule, not a form's "required".
        errors = []
        for field in instance._meta.concrete_fields:
            value = getattr(instance, field.attname)
            if field.is_relation or value in field.empty_values:
                continue
            try:
                field.clean(value, instance)
            except ValidationError as error:
                errors.append(f"{field.name}: {' '.join(error.messages)}")
        if errors:
            raise ValueError(f"invalid value: {'; '.join(errors)}")
        errors = self.model_rules(instance)
        if errors:
            raise ValueError(f"refused as the admin would refuse it: {'; '.join(errors)}")

    @staticmethod
    def model_rules(instance):
        """What the admin's form refuses beyond single values: the model's own clean() (a text required in at least
        one language, periods that end before they start…), and an address: the admin fills an empty slug from the
        title on saving, which a raw load does not do, and a public object without a slug in any language breaks
        every page that links to it."""
        errors = []
        try:
            instance.clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                name = "" if field == NON_FIELD_ERRORS else f"{field}: "
                errors.append(f"{name}{' '.join(messages)}")
        except ObjectDoesNotExist:
            pass  # A reference to a missing object, reported with the object once every file is loaded.
        if isinstance(instance, SluggedMixin) and not any(
            getattr(instance, f"slug_{code}", None) for code, _name in settings.LANGUAGES
        ):
            errors.append("slug: empty in every language, so the object would have no address on the site")
        return errors

    def check_references(self, check_constraints, table_names=None):
        """Name each loaded object whose foreign key points at a row that does not exist."""
        for model, loaded in self.saved.items():
            where = dict(loaded)
            for field in model._meta.concrete_fields:
                if not (field.is_relation and field.many_to_one):
                    continue
                targets = field.related_model._base_manager.using(self.using).values(field.target_field.attname)
                dangling = (
                    model._base_manager.using(self.using)
                    .filter(pk__in=where)
                    .exclude(**{f"{field.attname}__isnull": True})
                    .exclude(**{f"{field.attname}__in": targets})
                    .values_list("pk", field.attname)
                )
                for pk, value in dangling[:1]:
                    raise IntegrityError(
                        f"Could not load {where[pk]}: {field.name} refers to "
                        f"{field.related_model._meta.label_lower} {value!r}, which does not exist."
                    )
        return check_constraints(table_names=table_names)
