"""scripts/load_test.sh's request mix: searches follow readers (a Zipf law)."""

import io
from collections import Counter

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_mix_asks_a_few_searches_often_and_a_long_tail_once(client, seeded):
    out = io.StringIO()
    call_command("load_mix", n=3000, distinct=300, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3000
    assert all(line.isascii() for line in lines)  # as a browser sends them
    searches = Counter(u for u in lines if u.startswith("/search/?q="))
    assert 0.4 < sum(searches.values()) / len(lines) < 0.6  # half the mix
    ranked = [n for _, n in searches.most_common()]
    # the head far above the middle, the tail asked a few times at most (a few
    # dozen distinct searches in five seed pages' titles; thousands at 1M)
    assert ranked[0] > 5 * ranked[len(ranked) // 2] > 0
    assert ranked[-1] <= 10 and len(ranked) >= 40
    # what it asks for answers (a later page of a word with few matches may be
    # past the end: that is the 404 with a link back)
    for url in sorted(set(lines))[:60]:
        status = client.get(url).status_code
        assert status == 200 or (status == 404 and "page=" in url), url
