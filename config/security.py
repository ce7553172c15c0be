"""Response headers Django's SecurityMiddleware does not set: a Content-Security-Policy.

The public pages load nothing but their own CSS and fonts, and run no script at all,
so their policy allows exactly that: injected markup that slipped past escaping could
neither run a script nor load anything. The admin runs Django's own scripts (files,
never inline) and its widgets set inline styles, which only its policy allows.
"""

PUBLIC_POLICY = (
    "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
ADMIN_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith("/admin/")
        response.headers.setdefault(
            "Content-Security-Policy", ADMIN_POLICY if admin else PUBLIC_POLICY
        )
        return response
