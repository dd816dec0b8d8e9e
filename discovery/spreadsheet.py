"""The spreadsheet (.xlsx) download of a data set, for those whose spreadsheet splits CSV on ";" (Excel in Danish
and Norwegian) rather than ",". Written with openpyxl in its write-only mode.

Two sheets: the rows, with the same columns as the CSV, and one describing each column and stating the licence.
Dates are spreadsheet dates and numbers are numbers, so they sort and add up; a date that the source gives only
to the month or the year stays text (2014-10, 2014), never a day the source does not give. Every text is written
as a text cell whatever it looks like: openpyxl would take a value beginning with "=" for a formula, so each text
cell's type is set explicitly, and the file never holds a formula.

The same rows give the same bytes: the workbook's dates and the zip entries' times are the time of the content's
last change, not the moment of writing, so an ETag stays valid until the content changes."""

import datetime
import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from .datasets import Kind, iso
from .licence import data_licence

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
# The earliest time a zip file can record.
ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)


def _text(sheet, value, bold=False):
    # XML cannot hold most control characters; they are shown as the replacement character, not dropped silently.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value)))
    cell.data_type = "s"  # Never a formula or an error code, whatever the text begins with.
    if bold:
        cell.font = Font(bold=True)
    return cell


def _date(sheet, value, number_format):
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _cell(sheet, kind, value):
    if value is None or value == "" or value == []:
        return None
    if kind == Kind.LIST:
        return _text(sheet, " ".join(value))
    if kind == Kind.INTEGER:
        return int(value)
    if kind == Kind.NUMBER:
        return int(value) if value == value.to_integral_value() else float(value)
    if kind == Kind.DATE:
        return _date(sheet, value, DATE_FORMAT)
    if kind == Kind.DATETIME:
        # A spreadsheet time has no time zone: UTC, as the column's description says.
        return _date(sheet, value.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0), DATETIME_FORMAT)
    if kind == Kind.PARTIAL_DATE and len(value) == len("2014-10-02"):
        return _date(sheet, datetime.date.fromisoformat(value), DATE_FORMAT)
    return _text(sheet, value)


def _description_rows(sheet, dataset, source_url, modified):
    licence = data_licence()
    header = [_("Column"), _("Type"), _("Always given"), _("Meaning")]
    yield [_text(sheet, name, bold=True) for name in header]
    for column in dataset.columns:
        meaning = str(column.description)
        if column.choices:
            meaning += " " + _("Values:") + " " + ", ".join(column.choices) + "."
        if column.kind == Kind.PARTIAL_DATE:
            meaning += " " + _("In this file a date given to the day is a date; a month or a year stays text.")
        yield [
            _text(sheet, column.name),
            _text(sheet, column.kind_label),
            _text(sheet, _("yes") if column.required else _("no")),
            _text(sheet, meaning),
        ]
    yield []
    about = [
        (_("Data set"), str(dataset.title)),
        (_("Rows from"), source_url),
        (_("Content last changed"), iso(modified)),
        (_("Licence"), f"{licence['title']} ({licence['name']}), {licence['path']}"),
        (_("Attribution"), licence["attribution"]),
        (_("Sources"), licence["sources"]),
    ]
    for label, text in about:
        yield [_text(sheet, label, bold=True), _text(sheet, text)]


def workbook_bytes(dataset, rows, context, source_url, modified):
    """The .xlsx file of `rows` (dicts as Dataset.filtered reads them) as bytes."""
    workbook = Workbook(write_only=True)
    moment = max(modified, ZIP_EPOCH).astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    workbook.properties.creator = str(settings.SITE_NAME)
    workbook.properties.title = str(dataset.title)
    workbook.properties.created = workbook.properties.modified = moment

    sheet = workbook.create_sheet(title=dataset.name[:31])
    sheet.freeze_panes = "A2"
    sheet.append([_text(sheet, name, bold=True) for name in dataset.column_names()])
    kinds = [column.kind for column in dataset.columns]
    for row in rows:
        sheet.append(
            [_cell(sheet, kind, value) for kind, value in zip(kinds, dataset.values(row, context), strict=True)]
        )

    about = workbook.create_sheet(title=_("Columns and licence")[:31])
    for line in _description_rows(about, dataset, source_url, modified):
        about.append(line)

    written = io.BytesIO()
    workbook.save(written)  # Which dates the workbook "modified" now.
    workbook.properties.modified = moment
    return _with_fixed_times(written.getvalue(), moment, {ARC_CORE: tostring(workbook.properties.to_tree())})


def _with_fixed_times(data, moment, replaced):
    """The zip archive with every entry dated `moment` rather than the time of writing, and the entries named in
    `replaced` given that content."""
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, replaced.get(info.filename) or source.read(info.filename))
    return result.getvalue()
