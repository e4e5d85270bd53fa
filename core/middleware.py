"""Content-Security-Policy with a per-request nonce.

Public pages run only scripts from our own origin or carrying this request's nonce
(``{{ request.csp_nonce }}``): no 'unsafe-inline' for scripts, so markup injected into a
page cannot run. The Django admin, the Wagtail admin and Oscar's dashboard, whose
templates carry inline scripts, get a looser policy on their own paths only."""

import re
import secrets

from django.conf import settings


def _policy(directives):
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.loose_paths = [re.compile(pattern) for pattern in settings.CSP_LOOSE_PATHS]

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        header = (
            "Content-Security-Policy-Report-Only"
            if settings.CSP_REPORT_ONLY
            else "Content-Security-Policy"
        )
        if header not in response:
            response[header] = self.policy(request)
        return response

    def policy(self, request):
        directives = {name: list(values) for name, values in settings.CSP_DIRECTIVES.items()}
        if any(pattern.match(request.path_info) for pattern in self.loose_paths):
            directives["script-src"] = ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
        else:
            directives["script-src"] = [*directives["script-src"], f"'nonce-{request.csp_nonce}'"]
        return _policy(directives)
