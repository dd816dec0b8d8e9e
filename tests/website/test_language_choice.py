import pytest


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("da-DK,da;q=0.9", "/da/"),
        ("nb-NO,nb;q=0.9", "/nb/"),
        ("no", "/nb/"),
        ("nn-NO,nn;q=0.9", "/nb/"),
        ("fr-FR,fr;q=0.9", "/en/"),
    ],
)
def test_root_sends_visitors_to_their_language(client, db, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected
