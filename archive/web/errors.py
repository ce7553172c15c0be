"""The site's 404 and 400 pages (config/urls.py, ``handler404``/``handler400``):
JSON under /api/, as the API's own errors are; the site's pages elsewhere."""

from django.http import JsonResponse
from django.views import defaults


def page_not_found(request, exception):
    """Every 404: JSON under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "لا يوجد شيء بهذا العنوان."}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """A request Django refuses before any view (e.g. more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS parameters): JSON under /api/."""
    if request.path.startswith("/api/"):
        message = "طلب غير صالح: معاملات كثيرة جدًا أو غير مفهومة."
        return JsonResponse({"error": message}, status=400)
    return defaults.bad_request(request, exception)
