from django.urls import path

from archive.web import api, exports
from archive.web.views import articles, browse, lists

urlpatterns = [
    path("", articles.home, name="home"),
    path("search/", lists.article_list, name="article-list"),
    path("articles/<int:pk>/", articles.article_detail, name="article-detail"),
    path("dates/", browse.date_index, name="date-index"),
    path("dates/unknown/", browse.undated, name="date-unknown"),
    path("dates/<int:year>/", browse.year_detail, name="date-year"),
    path("dates/<int:year>/<int:month>/", browse.month_detail, name="date-month"),
    path(
        "dates/<int:year>/<int:month>/<int:day>/",
        browse.day_detail,
        name="date-day",
    ),
    path("outlets/", browse.outlet_list, name="outlet-list"),
    path("outlets/<str:slug>/", browse.outlet_detail, name="outlet-detail"),
    path("people/", browse.person_list, name="person-list"),
    path("people/<str:slug>/", browse.person_detail, name="person-detail"),
    path("authors/<str:slug>/", browse.author_detail, name="author-detail"),
    path("themes/", browse.theme_list, name="theme-list"),
    path("themes/<str:slug>/", browse.theme_detail, name="theme-detail"),
    path("about/", articles.about, name="about"),
    path("about/extraction/", articles.about_extraction, name="about-extraction"),
    path("feed/", exports.SearchFeed(), name="feed"),
    path("export.csv", exports.export_csv, name="export-csv"),
    path("export.json", exports.export_json, name="export-json"),
    path("api/search/", api.api_search, name="api-search"),
    path("api/articles/<int:pk>/", api.api_article, name="api-article"),
]
