# Where a finding was made (AML, another leukaemia, normal HSC only, another disease): niche biology counts findings
# outside AML at a reduced factor and normal-HSC-only findings not at all (issue 10, science review point 2).
# Target.publications: PubMed articles per gene (NCBI gene2pubmed), the study depth novelty reads (point 5).

from django.db import migrations, models

CONTEXTS = [
    ("aml", "AML or MDS"),
    ("other_leukaemia", "another leukaemia (CLL, ALL, CML)"),
    ("normal_hsc", "normal haematopoietic stem cells only (no leukaemia read-out)"),
    ("other", "another disease, or a review of several"),
]


def _context():
    return models.CharField(
        blank=True,
        choices=CONTEXTS,
        default="",
        help_text="where the finding was made (blank: not recorded, counted as AML and said so)",
        max_length=20,
    )


def _publications():
    return models.PositiveIntegerField(
        blank=True, help_text="PubMed articles NCBI Gene links to the gene (gene2pubmed): study depth", null=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("targets", "0006_rankingrun_stability_components"),
    ]

    operations = [
        migrations.AddField(model_name="evidence", name="context", field=_context()),
        migrations.AddField(model_name="historicalevidence", name="context", field=_context()),
        migrations.AddField(model_name="target", name="publications", field=_publications()),
        migrations.AddField(model_name="historicaltarget", name="publications", field=_publications()),
    ]
