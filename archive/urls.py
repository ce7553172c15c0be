from django.urls import path

from archive import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.article_list, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("people/<str:slug>/", views.person_detail, name="person-detail"),
    path("api/search/", views.api_search, name="api-search"),
    path("api/articles/<int:pk>/", views.api_article, name="api-article"),
]
