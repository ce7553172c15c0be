from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "إدارة أرشيف الصحافة العربية"
admin.site.site_title = "إدارة الأرشيف"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("archive.urls")),
]

# Unknown pages and refused requests: the site's own pages, JSON under /api/.
handler404 = "archive.web.errors.page_not_found"
handler400 = "archive.web.errors.bad_request"
