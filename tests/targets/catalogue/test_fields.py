"""The catalogue's free-text fields parse strictly, keeping qualifiers."""

import pytest

from targets.catalogue.fields import (
    parse_compartment,
    parse_modalities,
    parse_role,
    parse_stage,
    parse_verified_sources,
)


def test_stage_keeps_negative_qualifier_on_the_aml_side_only():
    claims = parse_stage("AML:phase3 (negative); any:phase3")
    assert claims["AML"].stage == "phase3"
    assert claims["AML"].qualifiers == ("negative",)
    assert claims["any"].qualifiers == ()


@pytest.mark.parametrize(
    ("text", "aml_qualifiers", "any_qualifiers"),
    [
        ("AML:phase3 (indirect, negative); any:approved (indirect)", ("negative",), ()),
        ("AML:phase2 (MDS); any:phase3", ("mds_only",), ()),
        ("AML:phase2 (memory); any:approved", ("unverified",), ()),
        ("AML:phase3 (failed); any:phase3 (discontinued)", ("negative",), ("terminated",)),
        ("AML:phase1/2 (selective AXL); any:approved (gilteritinib, FLT3/AXL)", (), ()),
    ],
)
def test_stage_qualifiers_are_recognised(text, aml_qualifiers, any_qualifiers):
    claims = parse_stage(text)
    assert claims["AML"].qualifiers == aml_qualifiers
    assert claims["any"].qualifiers == any_qualifiers


def test_stage_free_text_note_is_kept():
    claims = parse_stage("AML:phase1/2 (selective AXL); any:approved (gilteritinib, FLT3/AXL)")
    assert claims["AML"].stage == "phase1/2"
    assert claims["any"].note == "gilteritinib, FLT3/AXL"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("AML:phase5; any:approved", "unknown stage"),
        ("AML:phase2", "missing the 'any:' part"),
        ("AML:phase2; AML:phase3; any:phase3", "appears twice"),
        ("phase2; any:phase3", "is not '<AML|any>:<stage>"),
    ],
)
def test_bad_stage_is_rejected_with_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse_stage(text)


def test_modalities_split_and_keep_their_qualifier():
    assert parse_modalities("small molecule|siRNA (preclinical)") == [
        {"modality": "small molecule", "qualifier": ""},
        {"modality": "siRNA", "qualifier": "preclinical"},
    ]


def test_unknown_modality_is_named():
    with pytest.raises(ValueError, match="unknown modality 'nanobody'"):
        parse_modalities("antibody|nanobody")


def test_compartment_takes_the_leading_token_and_keeps_the_detail():
    assert parse_compartment("AML_blast (receptor for MSC/CAR-cell CXCL12)") == (
        "aml_blast",
        "(receptor for MSC/CAR-cell CXCL12)",
    )
    with pytest.raises(ValueError, match="must start with one of"):
        parse_compartment("bone (osteoblast)")


def test_role_is_one_of_three():
    assert parse_role("anti-leukemic") == "anti_leukemic"
    with pytest.raises(ValueError, match="not one of"):
        parse_role("pro leukemic")


def test_verified_and_memory_facts_stay_apart():
    verified, memory = parse_verified_sources(
        "V: IDs: org.Hs.eg.db 3.16 | https://example.org/a (Uy 2012) ; M(memory): plerixafor approval year from memory"
    )
    assert verified == ["IDs: org.Hs.eg.db 3.16", "https://example.org/a (Uy 2012)"]
    assert memory == ["plerixafor approval year from memory"]


def test_sources_without_a_checked_part_are_rejected():
    with pytest.raises(ValueError, match="must start with 'V:'"):
        parse_verified_sources("M(memory): everything from memory")
