"""The share of speaker links whose article never names the person, on the corpus.

The corpus (../shared/corpus) is imported into a scratch database with today's
extractor; then every speaker link is checked independently (``devtools.support``):
the article must name the person by a registry spelling or, in its years, by one of
their titles. Prints the share unsupported and the ten people with most such links.
"""

from django.core.management.base import BaseCommand

from archive.models import ArticlePerson
from devtools.benchmarks import CITATION, ensure_corpus
from devtools.scratch import scratch_database
from devtools.support import Support, spelled, supported

TARGET = 0.005


class Command(BaseCommand):
    help = "Print the share of speaker links the article text does not support."

    def add_arguments(self, parser):
        parser.add_argument("--keep", action="store_true", help="reuse the scratch DB")
        parser.add_argument("--worst", type=int, default=10)

    def handle(self, *args, keep, worst, **options):
        w = self.stdout.write
        with scratch_database(keep=keep):
            total = ensure_corpus(write=w)
            w(CITATION)
            result = check_links()
        w(
            f"{total} articles; speaker links {result.links}; not supported by the "
            f"text {result.unsupported} ({result.share:.2%}; target under {TARGET:.1%})"
        )
        w(f"{'person':32}{'unsupported links':>18}  e.g. article")
        for name, n in result.by_person.most_common(worst):
            w(f"{name:32}{n:>18}  {result.examples[name]}")


def check_links() -> Support:
    result = Support()
    links = (
        ArticlePerson.objects.filter(role=ArticlePerson.Role.SPEAKER)
        .select_related("person", "article")
        .only(
            "person__name", "person__name_latin", "person__aliases",
            "person__titles", "article__title", "article__body", "article__date",
        )
        .order_by("article_id")
    )  # fmt: skip
    for link in links.iterator(chunk_size=500):
        article = link.article
        words = spelled(f"{article.title}\n{article.body}")
        year = article.date.year if article.date else None
        result.links += 1
        if not supported(words, link.person, year):
            result.unsupported += 1
            result.by_person[link.person.name] += 1
            result.examples.setdefault(link.person.name, article.source_id)
    return result
