"""Editors: a signed-in member of the «editors» group, and the paste form's data."""

import pytest
from django.contrib.auth.models import Group, User

from tests.conftest import SEEDS

RAW = (SEEDS / "002_142ec7222232bc80.txt").read_text("utf-8")


@pytest.fixture
def editor(db, client):
    user = User.objects.create_user(
        "editor", password="a-long-passphrase-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name="editors"))
    client.force_login(user)
    return client


def review_data(response) -> dict:
    form = response.context["review"]
    data = {"review": "1"}
    for name in form.fields:
        value = form.initial.get(name)
        if value is None:
            continue
        if name in ("speakers", "themes"):
            data[name] = [v.pk for v in value]
        elif name == "outlet":
            data[name] = value.pk
        elif name == "date":
            data[name] = value.isoformat()
        else:
            data[name] = value
    return data
