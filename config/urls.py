from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "إدارة أرشيف الصحافة العربية"
admin.site.site_title = "إدارة الأرشيف"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("archive.urls")),
]
