"""The "json" serialization format with the admin's validation on load (settings.SERIALIZATION_MODULES).

Why: `loaddata` saves raw rows, bypassing forms, `clean()` and the admin, so a fixture with an unknown choice, a
`javascript:` URL, a period that ends before it starts or a contribution without a title or an address would load
and break pages. Django lets a project name its own module for a format (the SERIALIZATION_MODULES setting); this
one is Django's JSON format, with a deserializer that checks each object before `loaddata` saves it. The stock
`loaddata` (Django's, or modeltranslation's with its `--populate` option) therefore validates, whatever the order
of INSTALLED_APPS. Dumping (`dumpdata`, `manage.py dump_fixtures`) is Django's JSON serializer unchanged.

`loaddata` loads all the files it is given in one transaction; a refused object stops it, and the transaction is
rolled back: nothing is written. Each refusal is a one-line message naming the object (model, natural key, position
in the file) and the problem:

- a file that is not UTF-8, not JSON, or not a list of objects;
- the same object twice (the same primary key, unique field or unique set of fields), in one file or across the
  files of one `loaddata` call (the later one would silently overwrite the earlier);
- a value that a form field would refuse (choices, formats, validators such as URL schemes and ranges); empty values
  are left to the database's NOT NULL rules, as a field optional in the admin is optional here;
- what the admin refuses: the model's `clean()` (a text required in at least one language, periods) and an object
  without a slug in any language (the admin fills it from the title; a raw load does not);
- a reference to an object that does not exist (natural key or id; foreign key or many-to-many); and a database
  rule broken when the object is saved (an address already used in that language).

Files load in the order given, each object after the objects it refers to: `fixtures/` numbers its files so that
`fixtures/*.json` is that order (fixtures/README.md).
"""

import json
from pathlib import Path
from weakref import WeakKeyDictionary

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.core.serializers import base
from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import Serializer  # noqa: F401 (the format's serializer: Django's)
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models

from core.models import SluggedMixin

# The identities already loaded in the current transaction: `loaddata` opens one transaction for all its files and
# deserializes them one after another inside it, so a duplicate in a later file is found too.
loaded_in_transaction = WeakKeyDictionary()


def hashable(value):
    return tuple(hashable(item) for item in value) if isinstance(value, list) else value


def identities(model, fields, pk):
    """What must be unique about a fixture object: its primary key if given, each unique field and each
    unconditional unique set of fields. Empty values repeat freely, as in the database."""
    if pk is not None:
        yield ("pk",), (hashable(pk),)
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


def describe_raw(raw, where):
    """A fixture object as an editor would find it: model, identifying value, place in the file."""
    fields = raw.get("fields", {}) if isinstance(raw, dict) else {}
    name = raw.get("pk") if isinstance(raw, dict) else None
    for candidate in ("key", "code", "username", "codename", "name"):
        if name is None and fields.get(candidate) not in (None, ""):
            name = fields[candidate]
    named = f' "{name}"' if name is not None else ""
    model = raw.get("model", "?") if isinstance(raw, dict) else "?"
    return f"{model}{named} ({where})"


def describe_instance(instance, where):
    try:
        name = ", ".join(str(part) for part in instance.natural_key())
    except (AttributeError, ObjectDoesNotExist):
        name = instance.pk
    named = f' "{name}"' if name is not None else ""
    return f"{instance._meta.label_lower}{named} ({where})"


def field_errors(instance):
    """Each value given, checked as a form field would check it. Empty values are left to the database: whether a
    column may be empty is its NOT NULL rule, not a form's "required"."""
    errors = []
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if field.is_relation or value in field.empty_values:
            continue
        try:
            field.clean(value, instance)
        except ValidationError as error:
            errors.append(f"{field.name}: {' '.join(error.messages)}")
    return errors


def admin_errors(instance):
    """What the admin's form refuses beyond single values: the model's own clean() (a text required in at least one
    language, periods that end before they start…), and an address: the admin fills an empty slug from the title on
    saving, which a raw load does not do, and a public object without a slug in any language breaks every page that
    links to it."""
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


class ValidatedObject(base.DeserializedObject):
    """A checked object, whose database errors on saving name it."""

    def __init__(self, deserialized, where):
        super().__init__(deserialized.object, deserialized.m2m_data, deserialized.deferred_fields)
        self.where = where

    def save(self, save_m2m=True, using=None, **kwargs):
        try:
            super().save(save_m2m=save_m2m, using=using, **kwargs)
        except (DatabaseError, ValueError) as error:
            raise CommandError(f"Could not load {self.where}: {one_line(error)}") from error

    def save_deferred_fields(self, using=None):
        """Resolve the references to objects that came later, once every file has loaded."""
        try:
            super().save_deferred_fields(using=using)
        except CommandError:
            raise
        except Exception as error:
            names = ", ".join(field.name for field in self.deferred_fields)
            raise CommandError(
                f"Could not load {self.where}: {names} refers to an object that does not exist ({one_line(error)})"
            ) from error


def one_line(error):
    return " ".join(line.strip() for line in str(error).splitlines() if line.strip())


def shown_path(stream):
    """The fixture's path as the operator gave it: relative to the working directory when inside it."""
    name = getattr(stream, "name", None)
    if not isinstance(name, str):
        return "the fixture"
    path = Path(name)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return name


class Deserializer(JSONDeserializer):
    """Django's JSON deserializer, refusing what the admin would refuse (see the module's docstring). A refusal is a
    CommandError: `loaddata` passes it on unchanged and manage.py prints it on one line, without a traceback."""

    def __init__(self, stream_or_string, **options):
        self.label = shown_path(stream_or_string)
        if not isinstance(stream_or_string, (bytes, str)):
            stream_or_string = stream_or_string.read()
        try:
            text = stream_or_string.decode("utf-8") if isinstance(stream_or_string, bytes) else stream_or_string
        except UnicodeDecodeError as error:
            raise CommandError(f"Fixture {self.label} is not UTF-8 text: {error}") from error
        try:
            self.raw = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"Fixture {self.label} is not valid JSON: {error}") from error
        if not isinstance(self.raw, list) or not all(
            isinstance(raw, dict) and isinstance(raw.get("fields", {}), dict) for raw in self.raw
        ):
            raise CommandError(f"Fixture {self.label} is not a list of objects with a model and fields.")
        # Django's Python deserializer builds the objects from the parsed list (the JSON one would parse it again).
        PythonDeserializer.__init__(self, self.raw, **options)
        connection = connections[options.get("using") or DEFAULT_DB_ALIAS]
        # The innermost open atomic block (Django keeps them in connection.atomic_blocks) is loaddata's own, shared by
        # all the files of one call and by no other call. Outside a transaction, duplicates are looked for in this
        # file alone.
        transaction = connection.atomic_blocks[-1] if connection.atomic_blocks else self
        self.seen = loaded_in_transaction.setdefault(transaction, {})
        self.saved = []  # (model, pk, description) of each object handed over, for check_references

    def __iter__(self):
        objects = super().__iter__()
        position = 0
        while True:
            where = f"object {position + 1} in {self.label}"
            try:
                deserialized = next(objects)
            except StopIteration:
                break
            except base.DeserializationError as error:
                # Django failed while reading the object: a malformed value or an unknown model.
                raise CommandError(f"{one_line(error)} [{describe_raw(self.raw_at(position), where)}]") from error
            position += 1
            raw = self.raw_at(position - 1)
            self.check_duplicate(type(deserialized.object), raw, where)
            described = describe_instance(deserialized.object, where)
            self.check(deserialized, described)
            yield ValidatedObject(deserialized, described)
            # loaddata asks for the next object only once it has saved this one.
            self.saved.append((type(deserialized.object), deserialized.object.pk, described))
        self.check_references()

    def raw_at(self, index):
        return self.raw[index] if index < len(self.raw) else {}

    def check_duplicate(self, model, raw, where):
        for names, values in identities(model, raw.get("fields", {}), raw.get("pk")):
            key = (model._meta.label_lower, names, values)
            described = describe_raw(raw, where)
            if key in self.seen:
                shown = ", ".join(f"{name}={value!r}" for name, value in zip(names, values, strict=True))
                raise CommandError(
                    f"Duplicate key in fixtures: {described} has the same {shown} as {self.seen[key]}. "
                    "Each object may appear only once."
                )
            self.seen[key] = described

    def check(self, deserialized, described):
        """Refuse invalid values, and references to objects that do not exist."""
        instance = deserialized.object
        for field, value in deserialized.deferred_fields.items():
            if isinstance(field, models.ForeignKey) and not field.null:
                raise CommandError(
                    f"Could not load {described}: {field.name} refers to {field.related_model._meta.label_lower} "
                    f"{value!r}, which does not exist (an object must come after those it refers to)."
                )
        errors = field_errors(instance)
        if errors:
            raise CommandError(f"Could not load {described}: invalid value: {'; '.join(errors)}")
        errors = admin_errors(instance)
        if errors:
            raise CommandError(f"Could not load {described}: refused as the admin would refuse it: {'; '.join(errors)}")

    def check_references(self):
        """Name each object of the file whose foreign key, given as an id, points at a row that does not exist.
        (The database checks its foreign keys only at the end of the transaction, with a message naming a row id.)
        Keys that the database does not enforce (db_constraint=False, as in the edit history) are left alone."""
        by_model = {}
        for model, pk, described in self.saved:
            by_model.setdefault(model, {})[pk] = described
        for model, described in by_model.items():
            for field in model._meta.concrete_fields:
                if not (field.is_relation and field.many_to_one and field.db_constraint):
                    continue
                targets = field.related_model._base_manager.using(self.using).values(field.target_field.attname)
                dangling = (
                    model._base_manager.using(self.using)
                    .filter(pk__in=described)
                    .exclude(**{f"{field.attname}__isnull": True})
                    .exclude(**{f"{field.attname}__in": targets})
                    .values_list("pk", field.attname)
                )
                for pk, value in dangling[:1]:
                    raise CommandError(
                        f"Could not load {described[pk]}: {field.name} refers to "
                        f"{field.related_model._meta.label_lower} {value!r}, which does not exist."
                    )
