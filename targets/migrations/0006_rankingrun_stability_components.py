# Which sources of uncertainty a run's stability draws varied (issue 10 point 3). Runs stored before it keep an
# empty list: they varied the weights only (RankingRun.stability_label says so).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("targets", "0005_hardening"),
    ]

    operations = [
        migrations.AddField(
            model_name="rankingrun",
            name="stability_components",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="sources of uncertainty the stability draws varied (weights, thresholds, data)",
            ),
        ),
    ]
