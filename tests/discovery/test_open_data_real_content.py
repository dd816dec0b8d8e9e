"""The site's real content as open data: the data package of the loaded fixtures is valid with frictionless (every
CSV file against its Table Schema, every foreign key resolved), and every data set opens as a spreadsheet."""

import io

import openpyxl
import pytest

from discovery.datasets import DATASETS
from tests.discovery.conftest import url_in
from tests.discovery.test_open_data import package_on_disk, validate_package

pytestmark = pytest.mark.django_db


def test_the_real_data_package_is_valid(client, content, tmp_path):
    package = package_on_disk(client, "en", tmp_path)

    report = validate_package(tmp_path)

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert all(rows[resource["name"]] > 0 for resource in package["resources"]), rows


def test_every_real_data_set_opens_as_a_spreadsheet(client, content):
    for name in DATASETS:
        response = client.get(url_in("en", f"discovery:{name}_xlsx"))
        assert response.status_code == 200
        rows, about = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
        assert rows.max_row > 1 and about.max_row > len(DATASETS[name].columns)
        assert not [cell.coordinate for line in rows.iter_rows() for cell in line if cell.data_type == "f"]
