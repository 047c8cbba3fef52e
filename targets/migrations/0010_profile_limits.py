# Validators derived from scoring.limits (issue 14): the bounds the faces accept, defined once.

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("targets", "0009_deliberation"),
    ]

    operations = [
        migrations.AlterField(
            model_name='rankingrun',
            name='seed',
            field=models.IntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(2147483647)]),
        ),
        migrations.AlterField(
            model_name='rankingrun',
            name='stability_samples',
            field=models.PositiveIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(2147483647)]),
        ),
        migrations.AlterField(
            model_name='scoringprofile',
            name='concentration',
            field=models.FloatField(default=50.0, validators=[django.core.validators.MinValueValidator(1e-06), django.core.validators.MaxValueValidator(1000000.0)]),
        ),
    ]
