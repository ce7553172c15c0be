from django.urls import path

from archive import browse_views, exports, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.article_list, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("dates/", browse_views.date_index, name="date-index"),
    path("dates/unknown/", browse_views.undated, name="date-unknown"),
    path("dates/<int:year>/", browse_views.year_detail, name="date-year"),
    path("dates/<int:year>/<int:month>/", browse_views.month_detail, name="date-month"),
    path(
        "dates/<int:year>/<int:month>/<int:day>/",
        browse_views.day_detail,
        name="date-day",
    ),
    path("outlets/", browse_views.outlet_list, name="outlet-list"),
    path("outlets/<str:slug>/", browse_views.outlet_detail, name="outlet-detail"),
    path("people/", browse_views.person_list, name="person-list"),
    path("people/<str:slug>/", browse_views.person_detail, name="person-detail"),
    path("themes/", browse_views.theme_list, name="theme-list"),
    path("themes/<str:slug>/", browse_views.theme_detail, name="theme-detail"),
    path("feed/", exports.SearchFeed(), name="feed"),
    path("export.csv", exports.export_csv, name="export-csv"),
    path("export.json", exports.export_json, name="export-json"),
    path("api/search/", views.api_search, name="api-search"),
    path("api/articles/<int:pk>/", views.api_article, name="api-article"),
]
