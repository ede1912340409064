"""Drives the developer registration page (docs/api/page.md) in Chromium through Playwright (run by scripts/check-page,
inside its network namespace, with moto server, the HTTPS fixture site and the local API already serving).

Usage: check_page.py BASE_URL SITE_ADDRESS AXE_JS SCREENSHOT_DIR
Environment: PAGE_DOC_IMAGES=1 also writes the README's two screenshots to docs/images/.

Asserts, in one browser session, keyboard only wherever a person would type or press:
  - the page's security headers; no inline script or style runs (the CSP holds, no violation reported);
  - a document with a custom-scheme redirect and a foreign contact shows both problems at their fields
    (data-error-for pointers, linked by aria-describedby), and Check moves focus to the error summary (role=alert);
  - fixed, Check probes every URL (data-probe-for) and previews the logo; Register posts once with a UUID
    Idempotency-Key and shows the four credentials (data-result);
  - the shown token reads the registration through GET /register/{client_id} in the manage view (#manage), which
    shows the rotated token, updates the registration (checked through the API) and deletes it after a confirmation;
  - localStorage, sessionStorage and cookies stay empty and no service worker is registered;
  - axe-core finds no serious or critical violation on each view. axe's source is evaluated through
    page.evaluate (the DevTools protocol, which the page's CSP does not govern); the page itself keeps its CSP.
Prints one line per check and closes with "N passed, N failed"; exits 1 when a check failed.
"""
import json
import os
import pathlib
import re
import sys
import time
import urllib.error
import urllib.request

from playwright.sync_api import sync_playwright

from checks import CheckTally

BASE, SITE, AXE, SHOTS = sys.argv[1].rstrip("/") + "/", sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])
ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
DOC_IMAGES = os.environ.get("PAGE_DOC_IMAGES") == "1"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

TALLY = CheckTally()
check = TALLY.check


def api(method, path, token=None):
    request = urllib.request.Request(BASE + path, method=method,
                                     headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


GOOD = {
    "client_name": "Example Health App",
    "client_uri": "https://app.example.com",
    "logo_uri": "https://app.example.com/logo.png",
    "redirect_uris": "https://app.example.com/callback",
    "contacts": "developer@example.com",
    "tos_uri": "https://app.example.com/terms",
    "policy_uri": "https://app.example.com/privacy",
}
REFUSED = dict(GOOD, redirect_uris="https://app.example.com/callback\ncom.example.app:/callback",
               contacts="someone@elsewhere.example.org")


def wait_until(page, expression, timeout=10000):
    """Polls a JavaScript expression through page.evaluate until it is true. (Playwright's wait_for_function polls by
    eval inside the page, which the page's CSP refuses, as it should.)"""
    deadline = time.monotonic() + timeout / 1000
    while True:
        if page.evaluate(expression):
            return True
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.1)


def tab_to(page, element_id, limit=60):
    """Presses Tab until the element has focus: proves it is reachable by keyboard."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return True
        page.keyboard.press("Tab")
    return page.evaluate("document.activeElement && document.activeElement.id") == element_id


def type_into(page, element_id, text):
    """Moves focus to the field by Tab, selects what it holds and types the text (Enter between lines)."""
    if not tab_to(page, element_id):
        raise AssertionError(f"#{element_id} not reachable by Tab")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    for index, line in enumerate(text.split("\n")):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.insert_text(line)


def fill_form(page, values):
    page.focus("#view-title")
    for member, text in values.items():
        type_into(page, "f-" + member, text)


def press(page, element_id):
    if not tab_to(page, element_id):
        raise AssertionError(f"#{element_id} not reachable by Tab")
    page.keyboard.press("Enter")


def axe(page, view):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(pathlib.Path(AXE).read_text())
    result = page.evaluate("""() => axe.run(document, {resultTypes: ['violations'],
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    check(f"axe-core: no serious or critical violation on the {view}", not bad, bad)


def storage_is_empty(page, context, when):
    state = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
        workers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0})""")
    check(f"nothing kept {when}: no web storage, cookie or service worker",
          state == {"local": 0, "session": 0, "cookie": "", "workers": 0} and context.cookies() == [], state)


def shot(page, name, doc_image=None, doc_selector=None):
    """The whole page under SHOTS; with PAGE_DOC_IMAGES=1 a small one for the README too: the element doc_selector,
    or the top of the page (the header and the summary)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if DOC_IMAGES and doc_image:
        target = ROOT / "docs" / "images" / doc_image
        target.parent.mkdir(parents=True, exist_ok=True)
        if doc_selector:
            page.locator(doc_selector).screenshot(path=str(target), scale="css")
        else:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": 900, "height": 760}, scale="css")


def text(page, selector):
    return page.locator(selector).first.text_content(timeout=5000) or ""


def described_by(page, control_id, pointer):
    """Whether the control's aria-describedby names an element with this data-error-for."""
    return page.evaluate("""([id, pointer]) => {
        const ids = (document.getElementById(id).getAttribute('aria-describedby') || '').split(/\\s+/);
        return ids.some((i) => { const n = document.getElementById(i); return n && n.getAttribute('data-error-for') === pointer; });
    }""", [control_id, pointer])


def main():
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[f"--host-resolver-rules=MAP app.example.com {SITE}, EXCLUDE 127.0.0.1", "--disable-gpu"])
        # The fixture site's certificate comes from a throw-away CA: only the logo preview loads from it.
        context = browser.new_context(viewport={"width": 900, "height": 900}, ignore_https_errors=True)
        page = context.new_page()
        console = []
        page.on("console", lambda m: console.append((m.text, m.location.get("url", ""))) if m.type == "error" else None)
        registrations = []
        page.on("request", lambda r: registrations.append(r.headers.get("idempotency-key"))
                if r.method == "POST" and r.url.endswith("/register") else None)

        response = page.goto(BASE)
        headers = response.headers
        csp = headers.get("content-security-policy", "")
        check("GET / answers the page with its security headers",
              response.status == 200 and headers.get("content-type", "").startswith("text/html")
              and "script-src 'self'" in csp and "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
              and "base-uri 'none'" in csp and "unsafe-inline" not in csp
              and headers.get("x-content-type-options") == "nosniff" and headers.get("referrer-policy") == "no-referrer",
              headers)
        wait_until(page, "document.getElementById('view-title').tabIndex === -1")
        before = len(console)
        inline = page.evaluate("""() => { try { const s = document.createElement('script'); s.textContent =
            'window.__inline = 1'; document.head.appendChild(s); } catch (e) {} return window.__inline === 1; }""")
        time.sleep(0.2)
        reported = console[before:]
        check("the CSP refuses an inline script (and says so)",
              inline is False and any("Content Security Policy" in t for t, _ in reported), reported)
        del console[before:]
        names = page.evaluate("[...document.querySelectorAll('#metadata-form [name]')].map(n => n.name)")
        check("one control per member, named as the member",
              {"client_name", "client_uri", "logo_uri", "tos_uri", "policy_uri", "redirect_uris", "contacts", "scope",
               "token_endpoint_auth_method", "grant_types"} <= set(names), names)
        axe(page, "register view")

        # --- a refused document: both problems at their fields, by the live check while typing
        fill_form(page, REFUSED)
        redirect_error = page.locator('[data-error-for="/redirect_uris/1"]')
        contact_error = page.locator('[data-error-for^="/contacts"]')
        redirect_error.first.wait_for(timeout=10000)
        contact_error.first.wait_for(timeout=10000)
        check("live check: the custom-scheme redirect refused at /redirect_uris/1, with the manual address",
              "https://manual.example.org/register" in text(page, '[data-error-for="/redirect_uris/1"]')
              and described_by(page, "f-redirect_uris", "/redirect_uris/1")
              and page.locator('[data-error-for="/redirect_uris/0"]').count() == 0,
              text(page, '[data-error-for="/redirect_uris/1"]'))
        pointer = contact_error.first.get_attribute("data-error-for")
        check("live check: the foreign contact refused at its field", described_by(page, "f-contacts", pointer),
              pointer)
        check("the summary (role=alert) lists both problems",
              page.locator("#summary[role=alert] li").count() >= 2 and not page.locator("#summary").is_hidden())
        press(page, "check")
        wait_until(page, "document.activeElement && document.activeElement.id === 'summary'", timeout=10000)
        check("a refused Check moves focus to the error summary", True)
        shot(page, "1-refused", "page-refused.png")
        axe(page, "register view with problems")

        # --- fixed: Check probes the URLs, then Register shows the credentials
        type_into(page, "f-redirect_uris", GOOD["redirect_uris"])
        type_into(page, "f-contacts", GOOD["contacts"])
        wait_until(page, "document.querySelectorAll('[data-error-for]:not(#err-document)').length === 0",
                               timeout=10000)
        check("fixed, the live check clears the problems", True)
        press(page, "check")
        page.locator('[data-probe-for="/logo_uri"]').wait_for(timeout=30000)
        probes = page.evaluate("[...document.querySelectorAll('[data-probe-for]')].map(n => [n.getAttribute('data-probe-for'), n.className])")
        check("Check probes every URL and shows each outcome at its field",
              {"/redirect_uris/0", "/client_uri", "/logo_uri", "/tos_uri", "/policy_uri"} <= {p for p, _ in probes}
              and all("pass" in c for _, c in probes), probes)
        wait_until(page, "() => { const i = document.querySelector('#logo-preview img'); return i && i.complete && i.naturalWidth > 0; }",
                               timeout=10000)
        check("the logo that passed is previewed", True)
        shot(page, "2-checked")

        page.focus("#view-title")
        if not tab_to(page, "register"):
            raise AssertionError("Register not reachable by Tab")
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")  # a double press: still one client
        page.locator('[data-result="client_secret"]').wait_for(timeout=30000)
        wait_until(page, "document.querySelector('[data-result=\"client_secret\"]').textContent.length > 0")
        result = {m: text(page, f'[data-result="{m}"]') for m in
                  ("client_id", "client_secret", "registration_access_token", "registration_client_uri")}
        check("Register shows client_id, client_secret, registration_access_token and registration_client_uri",
              all(result.values()) and result["registration_client_uri"].endswith("/register/" + result["client_id"]),
              result)
        keys = [k for k in registrations]
        check("Register posts once, with a UUID Idempotency-Key", len(keys) == 1 and UUID.match(keys[0] or ""), keys)
        check("the answer warns that the secret and token are shown once",
              "shown once" in text(page, "#result-warning"))
        check("each credential has a copy button and the answer a download",
              page.locator("#result button.copy").count() == 4 and page.locator("#download").is_visible())
        shot(page, "3-registered", "page-registered.png", "#result")
        axe(page, "register view with the credentials")
        storage_is_empty(page, context, "after registering")

        # --- manage: the shown token reads the registration (RFC 7592), which is updated and deleted
        page.focus("#view-title")
        press(page, "nav-manage")
        wait_until(page, "location.hash === '#manage' && !document.getElementById('manage-open').hidden")
        check("leaving the register view forgets the credentials",
              page.evaluate("[...document.querySelectorAll('[data-result]')].every(n => n.textContent === '')"))
        axe(page, "manage view")
        type_into(page, "manage-client-id", result["client_id"])
        type_into(page, "manage-token", result["registration_access_token"])
        page.keyboard.press("Enter")
        wait_until(page, "document.getElementById('f-client_name').value === 'Example Health App'", timeout=30000)
        read_token = text(page, '[data-result="registration_access_token"]')
        check("the shown token reads the registration through GET /register/{client_id}, and the new token is shown",
              read_token and read_token != result["registration_access_token"]
              and page.input_value("#f-client_uri") == GOOD["client_uri"], read_token)
        shot(page, "4-manage-read")
        axe(page, "manage view with the registration")

        type_into(page, "f-contacts", "someone@elsewhere.example.org")
        page.locator('[data-error-for^="/contacts"]').first.wait_for(timeout=10000)
        check("the manage view checks live too", True)
        type_into(page, "f-contacts", GOOD["contacts"])
        type_into(page, "f-client_name", "Example Health App Renamed")
        wait_until(page, "document.querySelectorAll('[data-error-for]:not(#err-document)').length === 0",
                               timeout=10000)
        press(page, "save")
        wait_until(page, f"""() => {{ const n = document.querySelector('[data-result="registration_access_token"]');
            return n && n.textContent && n.textContent !== {json.dumps(read_token)}; }}""", timeout=30000)
        saved_token = text(page, '[data-result="registration_access_token"]')
        status, body = api("GET", "register/" + result["client_id"], saved_token)
        check("Save updates the registration (read back through the API with the rotated token)",
              status == 200 and body["client_name"] == "Example Health App Renamed", (status, body))
        shot(page, "5-manage-saved")
        # The API read above rotated the token once more; the page's token still works until the new one is used.
        press(page, "delete")
        wait_until(page, "!document.getElementById('confirm-delete').hidden")
        check("Delete asks for a confirmation first, with focus on it",
              page.evaluate("document.activeElement.id") == "confirm-delete-no")
        axe(page, "manage view's delete confirmation")
        press(page, "confirm-delete-yes")
        wait_until(page, "document.getElementById('status').textContent.startsWith('Deleted')", timeout=30000)
        status, _ = api("GET", "register/" + result["client_id"], body["registration_access_token"])
        check("the confirmed delete removed the registration (the API answers 401)", status == 401, status)
        shot(page, "6-manage-deleted")
        storage_is_empty(page, context, "after managing")
        # The browser asks for /favicon.ico on its own; the page has none (404).
        check("no error in the browser's console", not [c for c in console if not c[1].endswith("/favicon.ico")],
              console)

        # --- a rate-limited registration says when to try again (the answer stubbed in the browser: the service's
        # own 429 is covered by AbuseLimitsIT)
        page.focus("#view-title")
        press(page, "nav-register")
        wait_until(page, "location.hash === '#register' && !document.getElementById('register').hidden")
        page.route("**/register", lambda route: route.fulfill(
            status=429, headers={"Retry-After": "120", "Content-Type": "application/json"},
            body=json.dumps({"error": "rate_limited", "error_description": "Too many registrations from this address.",
                             "errors": [{"field": "", "code": "rate_limited", "description": "Too many."}]})))
        fill_form(page, GOOD)
        press(page, "register")
        wait_until(page, "document.activeElement && document.activeElement.id === 'summary'")
        check("a rate-limited registration says when to try again, with focus on the summary",
              "Try again in 120 seconds" in text(page, "#summary"), text(page, "#summary"))
        page.unroute("**/register")
        browser.close()
    print(f"page checks took {time.monotonic() - started:.0f} s")
    return TALLY.summary()


if __name__ == "__main__":
    sys.exit(main())
