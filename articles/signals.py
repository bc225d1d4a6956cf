"""Keep "Last updated on" tied to real changes of published content.

A publish the editor marks as editorial (wording only) records the new content
but keeps the date: readers look at "Last updated" to see whether the medicine
changed.
"""

import hashlib
import json

from django.utils import timezone

from articles.models import ArticleContentStamp, ChangeKind
from articles.rendering import literature


def content_fingerprint(page):
    content = {
        "title": page.title,
        "synonyms": page.synonyms,
        "body": page.body.get_prep_value(),
        "icd10": [code.code for code in page.icd10_codes.all()],
        # Who wrote and reviewed it; a person's own details (name, degree) are not the article's content.
        "authors": [a.person_id for a in page.authors.all()],
        "reviewers": [r.person_id for r in page.reviewers.all()],
        "references": [
            [r.authors, r.et_al, r.year, r.title, r.container, r.volume, r.issue, r.pages, r.doi, r.pmid]
            for r in literature(page)
        ],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def stamp_content_change(sender, instance, revision=None, **kwargs):
    fingerprint = content_fingerprint(instance)
    stamp = ArticleContentStamp.objects.filter(page=instance).first()
    if stamp is None:
        ArticleContentStamp.objects.create(page=instance, fingerprint=fingerprint, changed_at=timezone.now())
    elif stamp.fingerprint != fingerprint:
        stamp.fingerprint = fingerprint
        if instance.change_kind != ChangeKind.EDITORIAL:
            stamp.changed_at = timezone.now()
        stamp.save(update_fields=["fingerprint", "changed_at"])
