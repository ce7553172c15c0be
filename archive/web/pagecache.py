"""Whole pages for readers, cached by full URL under the archive's generation.

A reader's GET (or HEAD) of a public page is answered from the ``pages`` cache when
someone asked for the same URL since the last write: the response is stored whole
(status, headers, body) under the archive's generation number
(``archive.web.cache.generation``, moved on by a trigger with every write to an
article, its links or the registries, whichever process makes it), so an import or an
editor's correction empties it for every worker at once; ``PAGE_CACHE_TTL`` only
bounds how long an unused page stays.

Not cached: anything but GET and HEAD; the admin; a request that carries a session
cookie (a signed-in editor sees live pages, and so does anyone who has one); a response
that is not a 200, that sets a cookie, varies on the cookie (a CSRF token) or says
``no-store``; a body over ``PAGE_CACHE_MAX_BYTES``; a streamed one.

Every public response also tells browsers and a CDN how long they may keep it
(``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE``), with an ``ETag`` so that a
browser asking again gets a 304 without the body; an editor's pages are
``private, no-cache``.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

from archive.web.cache import generation

# Paths that are never cached: the editors' side. (Static files never get here:
# whitenoise serves them first.)
LIVE_PREFIXES = ("/admin/",)
# Response headers a stored page keeps (the rest are set again on the way out).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "Link",
    "X-Robots-Tag",
    "X-Frame-Options",  # set by a middleware inside this one
    "ETag",  # computed once, when the page is stored
)


def page_key(request) -> str:
    """The cache key of a request: the generation, the language and the full URL
    as the client sent it (host included: one cache may serve several names). The
    raw query string, not a re-encoded one: ``get_full_path`` re-encodes, and two
    query strings a server reads differently (a raw é and its percent-encoded
    mojibake) could share its result."""
    url = "\n".join(
        (
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
        )
    )
    digest = hashlib.sha1(url.encode("utf-8", "surrogatepass")).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"page:{generation()}:{language}:{digest}"


def _etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


class PageCacheMiddleware:
    """Serves readers' pages from the ``pages`` cache (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._public(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        if not settings.PAGE_CACHE:
            return self._headers(request, self.get_response(request))
        cache = caches["pages"]
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["Content-Length"] = str(len(content))
            response["X-Page-Cache"] = "hit"
            return self._headers(request, response)
        response = self.get_response(request)
        if self._storable(response):
            response["ETag"] = _etag(response.content)
            headers = [(n, response[n]) for n in KEPT_HEADERS if n in response]
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.PAGE_CACHE_TTL,
            )
            response["X-Page-Cache"] = "miss"
        return self._headers(request, response)

    def _public(self, request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(LIVE_PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def _storable(self, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if "no-store" in response.get("Cache-Control", "") or "private" in (
            response.get("Cache-Control", "")
        ):
            return False
        if "cookie" in response.get("Vary", "").lower():
            return False
        return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES

    def _headers(self, request, response):
        """Cache-Control, Vary and ETag for a reader's response, and a 304 when the
        browser already holds this version."""
        if response.status_code != 200 or response.streaming:
            return response
        if "no-store" in response.get("Cache-Control", ""):
            return response
        if settings.PAGE_CACHE_MAX_AGE > 0:
            patch_cache_control(
                response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE
            )
        else:
            patch_cache_control(response, no_cache=True)  # revalidate: the ETag
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        if not response.has_header("ETag"):
            response["ETag"] = _etag(response.content)
        if _holds(request, response["ETag"]):
            not_modified = HttpResponseNotModified()
            for name in ("ETag", "Cache-Control", "Vary"):
                not_modified[name] = response[name]
            return not_modified
        return response


def _holds(request, etag: str) -> bool:
    sent = request.headers.get("If-None-Match", "")
    return etag in (t.strip().removeprefix("W/") for t in sent.split(","))
