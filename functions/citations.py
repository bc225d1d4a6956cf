"""The publication a clinical function comes from, formatted in Vancouver style.

Only bibliographic details that were checked against a PubMed record or the
publisher's page are stored; an unverified detail (for example page numbers)
is left empty rather than filled in from memory.
"""

from dataclasses import dataclass

from references.vancouver import vancouver_text


@dataclass(frozen=True, kw_only=True)
class Citation:
    authors: tuple  # in Vancouver form, e.g. "Kostik MM"
    title: str
    journal: str  # NLM abbreviation
    year: int
    doi: str
    volume: str = ""
    issue: str = ""
    pages: str = ""  # or the article number of an online-only journal
    pmid: str = ""
    pmcid: str = ""
    more_authors: bool = False  # True when ``authors`` lists only the first of more authors

    def vancouver(self):
        """ICMJE/NLM style, with the DOI and PubMed IDs at the end."""
        text = vancouver_text(
            self.authors, self.more_authors, self.title, self.journal, self.year, self.volume, self.issue, self.pages
        )
        text += f" doi:{self.doi}."
        if self.pmid:
            text += f" PMID: {self.pmid}"
            text += f"; PMCID: {self.pmcid}." if self.pmcid else "."
        return text

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}"

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None

    def as_dict(self):
        return {
            "vancouver": self.vancouver(),
            "doi": self.doi,
            "doi_url": self.doi_url,
            "pmid": self.pmid or None,
            "pubmed_url": self.pubmed_url,
            "pmcid": self.pmcid or None,
        }
