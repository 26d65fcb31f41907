"""A wrong address gets a page in the person's language, with the site around it."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_missing_page_says_so_in_spanish_with_a_way_back(client):
    response = client.get("/no-such-page/", headers={"accept-language": "es"})

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "<h1>Página no encontrada</h1>" in html
    assert 'href="/">Ir a la página de inicio</a>' in html
    assert 'class="skip-link"' in html  # the site's own page, not a bare one


TOO_BIG = "9" * 25  # beyond any database integer


@pytest.mark.parametrize(
    "address",
    [
        f"/runs/{TOO_BIG}/",
        f"/runs/1/activities/{TOO_BIG}/",
        f"/tutor/runs/{TOO_BIG}/",
        f"/manage/programmes/{TOO_BIG}/",
    ],
)
def test_a_number_beyond_the_database_is_not_found_not_a_server_error(client, address):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(address, headers={"accept-language": "es"})

    assert response.status_code == 404
    assert "<h1>Página no encontrada</h1>" in response.content.decode()
