"""An outlet a page names that the registry lacks is suggested, never added
silently; an editor's acceptance adds it and gives it to its articles."""

import pytest
from django.core.management import call_command

from archive.models import Article, Outlet, OutletSuggestion

BODY = "قال الرئيس الروسي إن العلاقات مع الصين في أفضل حالاتها منذ سنوات."


def page(tmp_path, name: str, title: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(f"جريدة الأفق الجديد | alofoq-jadid.com\n{title}\n{BODY}")
    return path


@pytest.mark.django_db
def test_an_unknown_outlet_is_suggested_and_accepted_for_all_its_articles(
    tmp_path, admin_client
):
    for n in (1, 2):
        call_command(
            "import_articles",
            str(page(tmp_path, f"p{n}", f"الصين وروسيا توقعان اتفاقا رقم {n}")),
            quiet=True,
        )
    assert not Outlet.objects.filter(name="جريدة الأفق الجديد").exists()
    assert list(Article.objects.values_list("outlet", flat=True)) == [None, None]
    first = OutletSuggestion.objects.order_by("pk").first()
    assert OutletSuggestion.objects.filter(name="جريدة الأفق الجديد").count() == 2

    response = admin_client.post(
        "/admin/archive/outletsuggestion/",
        {"action": "accept", "_selected_action": [first.pk]},
        follow=True,
    )
    assert response.status_code == 200
    outlet = Outlet.objects.get(name="جريدة الأفق الجديد")
    assert set(Article.objects.values_list("outlet", flat=True)) == {outlet.pk}
    assert not OutletSuggestion.objects.filter(
        status=OutletSuggestion.Status.PENDING
    ).exists()
