"""Curation forms: evidence, targets, scoring profiles, evidence CSV import and refresh requests."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from scoring import limits
from scoring.criteria import CRITERIA
from scoring.errors import FieldError
from scoring.facts import COMPARTMENT_WORDS
from scoring.profiles import COMPARTMENTS, DUAL_POLICIES, METHODS, MISSING_POLICIES
from targets.choices import EXTERNAL_SOURCES, Source
from targets.models import Evidence, ScoringProfile, Target
from targets.models.evidence import DUPLICATE_CLAIM, claim_taken, verification_error
from targets.validators import citation_kind, normalise_citation
from targets.web.labels import FIELD_LABELS


class EvidenceForm(forms.ModelForm):
    """A cited finding about one target; the citation must be a PMID or a DOI."""

    class Meta:
        model = Evidence
        fields = [
            "citation",
            "claim",
            "direction",
            "level",
            "niche_mediated",
            "context",
            "verified",
            "checked_source",
            "note",
        ]
        labels = {"claim": "Finding"}
        help_texts = {
            "citation": "A PMID (23213054) or a DOI (10.1182/blood-2013-03-491431).",
            "claim": "One sentence: what the paper shows.",
            "niche_mediated": "Is the effect shown to be mediated by MSC, stroma or the niche?",
            "verified": "Tick when you checked the finding against a source, and name it below.",
            "checked_source": "The URL (or 'search:pages <title>') you checked the finding against.",
        }
        widgets = {"claim": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, target: Target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target

    def clean_citation(self) -> str:
        citation = normalise_citation(self.cleaned_data["citation"])
        citation_kind(citation)  # raises ValidationError with the expected formats
        return citation

    def clean(self):
        data = super().clean()
        unchecked = verification_error(data.get("verified"), data.get("checked_source"))
        if unchecked is not None:
            self.add_error(unchecked.field, unchecked.message)
        citation, claim = data.get("citation"), data.get("claim")
        if citation and claim and claim_taken(self.target, citation, claim, exclude_pk=self.instance.pk):
            raise ValidationError(DUPLICATE_CLAIM)
        return data

    def save(self, commit: bool = True, *, user=None) -> Evidence:
        evidence = super().save(commit=False)
        evidence.target = self.target
        if evidence.pk is None:
            evidence.source = Source.CURATOR
            evidence.created_by = user
        if commit:
            evidence.save()
        return evidence


class TargetForm(forms.ModelForm):
    """A candidate target's identity and place in the niche (source-derived numbers are not edited here).

    The identifiers (symbol, Ensembl id, UniProt) are set when a target is added and read-only after, as in
    the API: the catalogue reload and every URL find the target by them, so a rename would orphan it."""

    IDENTIFIERS = Target.IDENTIFIERS
    # The version the curator opened: a save over a newer one is refused (see views.curation.target_edit).
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)
    field_order = ["symbol", "name"]  # the name right after the symbol, then the other identifiers

    class Meta:
        model = Target
        fields = [*Target.IDENTIFIERS, *Target.CURATED_FIELDS]
        widgets = {"mechanism": forms.Textarea(attrs={"rows": 3})}
        labels = {name: FIELD_LABELS[name] for name in ("hsc_niche_essential", "is_membrane_or_secreted")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.IDENTIFIERS:
                del self.fields[name]
            self.fields["seen_version"].initial = self.instance.version

    def clean_symbol(self) -> str:
        return self.cleaned_data["symbol"].strip().upper()

    def clean_ensembl_id(self) -> str:
        return self.cleaned_data["ensembl_id"].strip().upper()


class ProfileForm(forms.Form):
    """The fields of a scoring profile; saving stores a new version (older versions stay readable)."""

    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    method = forms.ChoiceField(choices=[(m, m.replace("_", " ")) for m in METHODS])
    missing = forms.ChoiceField(label="Missing data", choices=[(m, m) for m in MISSING_POLICIES])
    dual_policy = forms.ChoiceField(label="Dual-role targets", choices=[(m, m) for m in DUAL_POLICIES])
    antibody_only = forms.BooleanField(label="Only membrane or secreted targets", required=False)
    exclude_dual = forms.BooleanField(label="Exclude dual-role targets", required=False)
    direction = forms.ChoiceField(
        label="Direction",
        required=False,
        choices=[
            ("", "any role"),
            ("inhibit", "inhibit: pro-leukemic and dual-role targets"),
            ("enhance", "enhance or deliver: anti-leukemic and dual-role targets"),
        ],
    )
    compartments = forms.MultipleChoiceField(
        label="Only these compartments (none ticked: all)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(c, COMPARTMENT_WORDS[c]) for c in COMPARTMENTS],
    )
    min_coverage = forms.FloatField(label="Minimum coverage (0–1)", **limits.MIN_COVERAGE.min_max())
    top_k = forms.IntegerField(label="Top k (for P(top k))", **limits.TOP_K.min_max())
    concentration = forms.FloatField(
        label="Weight concentration (stability sampling)", **limits.CONCENTRATION.min_max()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[f"weight_{criterion.key}"] = forms.FloatField(
                label=criterion.label,
                **limits.WEIGHT.min_max(),
                initial=0.0,
                help_text=criterion.description,
            )

    @property
    def weight_fields(self):
        return [self[f"weight_{criterion.key}"] for criterion in CRITERIA]

    @property
    def setting_fields(self):
        return [self[name] for name in self.fields if not name.startswith("weight_")]

    @staticmethod
    def initial_from(profile) -> dict:
        """Form initial values from a stored profile version."""
        gates = profile.gates or {}
        initial = {
            "description": profile.description,
            "method": profile.method,
            "missing": profile.missing_policy,
            "dual_policy": profile.dual_policy,
            "antibody_only": gates.get("antibody_only", False),
            "exclude_dual": gates.get("exclude_dual", False),
            "min_coverage": gates.get("min_coverage", 0.0),
            "direction": gates.get("direction", ""),
            "compartments": list(gates.get("compartments", [])),
            "top_k": profile.top_k,
            "concentration": profile.concentration,
        }
        for criterion in CRITERIA:
            initial[f"weight_{criterion.key}"] = float(profile.weights.get(criterion.key, 0.0))
        return initial

    def profile_data(self) -> dict:
        """The cleaned values as the dict `profile_save_version` takes (weights 0 are left out)."""
        data = self.cleaned_data
        weights = {c.key: data[f"weight_{c.key}"] for c in CRITERIA if data[f"weight_{c.key}"] > 0}
        return {
            "description": data["description"],
            "weights": weights,
            "method": data["method"],
            "missing": data["missing"],
            "dual_policy": data["dual_policy"],
            "top_k": data["top_k"],
            "concentration": data["concentration"],
            "gates": {
                "antibody_only": data["antibody_only"],
                "exclude_dual": data["exclude_dual"],
                "min_coverage": data["min_coverage"],
                "direction": data["direction"],
                "compartments": list(data["compartments"]),
            },
        }

    def add_service_error(self, error: FieldError) -> None:
        """Attach a scoring validation error (field "weights.safety") to the form field showing it."""
        candidates = [f"weight_{error.leaf}", error.leaf]
        target = next((c for c in candidates if c in self.fields), None)
        self.add_error(target, error.message)


class NewProfileForm(ProfileForm):
    """A new profile: its name goes into URLs (/profiles/<slug>/, ?profile=...), so it must be a slug, and it
    must be new (saving under an existing name would silently add a version to that profile).

    The rules mirror the API's ProfileCreateSerializer.name (a DRF SlugField, max 60, unknown names only);
    the serializer is not reused because its message points at the API's PUT route."""

    name = forms.SlugField(
        label="Name", max_length=60, help_text="Letters, digits, hyphens and underscores (it appears in links)."
    )

    field_order = ["name"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if ScoringProfile.objects.filter(name=name).exists():
            raise ValidationError(
                f"A profile named {name!r} already exists; open it from the profiles page to save a new version."
            )
        return name

    @property
    def setting_fields(self):
        return [field for field in super().setting_fields if field.name != "name"]


class EvidenceImportForm(forms.Form):
    """A CSV file of evidence rows."""

    file = forms.FileField(
        label="CSV file",
        help_text=(
            "Columns: symbol, citation, claim, direction, and optionally level, verified, niche_mediated, "
            "checked_source (required when verified) and note."
        ),
    )


class RefreshForm(forms.Form):
    """Which sources to refresh (none ticked: all)."""

    sources = forms.MultipleChoiceField(
        choices=[(str(s), Source(s).label) for s in EXTERNAL_SOURCES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    symbols = forms.CharField(
        required=False, help_text="Optional: only these targets (symbols separated by commas or spaces)."
    )

    def clean_symbols(self) -> list[str]:
        text = self.cleaned_data["symbols"].replace(",", " ")
        return [item.strip().upper() for item in text.split() if item.strip()]
