"""The API's documentation page works in a real browser, from our own static files only."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_documentation_page_lists_every_operation(browser_page):
    page = browser_page
    problems, hosts = [], set()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(f"{page.live_server_url}/api/docs/")
    expect(page.get_by_text("MuNet Aula API").first).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() >= 30
    page.locator(".opblock-summary", has_text="/api/v1/certificates/").first.click()
    expect(page.get_by_text("application/problem+json").first).to_be_visible()
    assert problems == []
    assert hosts == {page.live_server_url.split("/")[2]}
