"""The meeting model: one list of decisions, the `decision` key derived from it in the JSON."""

from __future__ import annotations

from kitar.model import (
    CoreProperties,
    Decision,
    Document,
    Item,
    Meeting,
    MeetingInfo,
    SourceInfo,
    child_key,
)
from kitar.parse.serialize import item_to_dict, meeting_from_dict, meeting_to_dict


def _meeting(*items: Item) -> Meeting:
    return Meeting(SourceInfo("fiktiv.pdf", "", "pdf", 1), MeetingInfo(), items=list(items))


def test_decision_is_the_latest_of_decisions() -> None:
    item = Item("4", "Fiktivt punkt")
    assert item.decision is None
    item.decisions = [
        Decision("Anbefales.", body="Økonomiudvalget", date="2024-03-01"),
        Decision("Godkendt.", body="Byrådet", date="2024-03-12"),
    ]
    assert item.decision == "Godkendt."
    item.decision = "Godkendt med en bemærkning."  # edits the latest, keeps its body and date
    assert [d.text for d in item.decisions] == ["Anbefales.", "Godkendt med en bemærkning."]
    assert item.decisions[-1].body == "Byrådet"
    item.decision = None
    assert item.decisions == []
    item.decision = "Taget til efterretning."
    assert item.decisions == [Decision("Taget til efterretning.")]


def test_json_keeps_both_keys_in_their_place() -> None:
    sub = Item("a", "Underpunkt", decisions=[Decision("Udsat.")])
    item = Item("1", "Punkt", decisions=[Decision("Godkendt.")], subitems=[sub])
    data = item_to_dict(item)
    keys = list(data)
    assert keys.index("decision") == keys.index("decisions") - 1
    assert keys[keys.index("decision") - 1] == "recommendations"
    assert data["decision"] == "Godkendt." and data["subitems"][0]["decision"] == "Udsat."
    assert "decision" not in {f for f in Item.__dataclass_fields__}  # one field, not two
    meeting = _meeting(item)
    assert meeting_from_dict(meeting_to_dict(meeting)) == meeting


def test_json_with_only_a_decision_string_reads_into_decisions() -> None:
    data = meeting_to_dict(_meeting(Item("2", "Punkt")))
    data["items"][0]["decision"] = "Godkendt."
    data["items"][0]["decisions"] = []
    item = meeting_from_dict(data).items[0]
    assert item.decisions == [Decision("Godkendt.")] and item.decision == "Godkendt."


def test_child_key() -> None:
    assert child_key("3", "a", 1) == "3.a"
    assert child_key("3", "3.b.", 2) == "3.b"
    assert child_key("3", None, 2) == "3.2"


def test_document_letterhead_labels_become_typed_fields() -> None:
    labels = {"date": "2016-08-29", "case_id": "SAG-2099-00001", "email": "x@example.dk"}
    doc = Document("notat.pdf", "pdf", 1, metadata=labels)
    assert (doc.date, doc.case_id, doc.doc_id) == ("2016-08-29", "SAG-2099-00001", None)
    assert doc.properties is None
    typed = Document("u.docx", "docx", 1, date="2024-01-02", properties=CoreProperties(title="T"))
    assert typed.date == "2024-01-02" and typed.metadata == {}


def test_a_draft_is_known_by_its_typed_core_properties() -> None:
    from kitar.parse.draft import CATEGORY, draft_meeting_id, is_kitar_draft

    mark = CoreProperties(category=CATEGORY, keywords="kitar; referat", identifier="12")
    assert draft_meeting_id(Document("d.docx", "docx", 1, properties=mark)) == "12"
    # the labels alone (as a reader other than DOCX might record them) steer nothing
    labels = {"docx_category": CATEGORY, "docx_keywords": "kitar", "docx_identifier": "12"}
    assert not is_kitar_draft(Document("d.txt", "txt", 1, metadata=labels))
