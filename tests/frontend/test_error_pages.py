"""A wrong address gets a page in the person's language, with the site around it."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_missing_page_says_so_in_spanish_with_a_way_back(client):
    response = client.get("/no-such-page/", headers={"accept-language": "es"})

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "<h1>Página no encontrada</h1>" in html
    assert 'href="/">Ir a la página de inicio</a>' in html
    assert 'class="skip-link"' in html  # the site's own page, not a bare one
