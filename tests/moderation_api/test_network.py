"""Network linking: shared contacts and re-posted templates form clusters; signals raise priority."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from datasketch import MinHash
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from classifier.baseline import KeywordScorer
from moderation_api.network.models import PostingBucket
from moderation_api.network.service import MAX_BUCKET_MEMBERS, _template_candidates
from moderation_api.network.signature import NUM_PERM, SEED, bands, shingles, signature, similarity
from moderation_api.postings.models import Posting
from moderation_api.postings.schemas import PostingIn
from moderation_api.postings.service import ingest

TEMPLATE = (
    "Hi gentlemen, sweet {name} visiting {city} this week only. Upscale companion, discreet and "
    "classy, available for dinner dates and more. Call or text {phone} to set up a meeting."
)
BIKE = "Selling my Trek mountain bike, 21 speeds, new tires and brakes, pickup downtown. Call {phone}"


def _ingest(session: Session, *texts: str, locations: list[str] | None = None) -> list[Posting]:
    now = datetime.now(UTC)
    items = [
        PostingIn(
            source="site",
            external_id=f"p{index}-{hash(text) % 10_000}",
            text=text,
            location=(locations or [None] * len(texts))[index],
            posted_at=now - timedelta(hours=index),
        )
        for index, text in enumerate(texts)
    ]
    results = ingest(session, scorer=KeywordScorer(), items=items, actor="test", category_cutoff=0.5)
    return [session.get(Posting, r.posting_id) for r in results]  # type: ignore[misc]


def test_obfuscated_variants_of_one_phone_link(session: Session) -> None:
    a, b, c = _ingest(
        session,
        "Room for rent, utilities included. Call 713-555-0142",
        "Cheap sofa, must go this weekend! Text seven one three 555 o1 4 2",
        "Tutoring in math and physics for high school students, (713) 555 0142",
    )
    assert a.cluster_id == b.cluster_id == c.cluster_id


def test_different_numbers_do_not_link(session: Session) -> None:
    a, b = _ingest(session, "Room for rent. Call 713-555-0142", "Room for rent. Call 713-555-0199")
    assert a.cluster_id != b.cluster_id


def test_template_variants_with_changed_city_and_phone_link(session: Session) -> None:
    a, b = _ingest(
        session,
        TEMPLATE.format(name="Lola", city="Houston", phone="713-555-0142"),
        TEMPLATE.format(name="Lola", city="Dallas", phone="214-555-0177"),
    )
    assert similarity(signature(a.text or ""), signature(b.text or "")) >= 0.5  # type: ignore[arg-type]
    assert a.cluster_id == b.cluster_id


@pytest.mark.parametrize(
    ("template", "cities", "other"),
    [
        (
            "Новые девочки в {city}, молодые и послушные, приезжают каждую неделю. "
            "Только у нас в апартаментах, оплата наличными, звони менеджеру {phone}, он всё организует.",
            ("Москве", "Казани"),
            "Продаю велосипед, почти новый, катался одно лето, самовывоз из центра. Торг уместен.",
        ),
        (
            "新来的妹妹在{city}，年轻漂亮，每周换人。只在酒店服务，现金付款，请联系经理{phone}预约，全部由他安排。",
            ("上海", "广州"),
            "出售二手自行车，几乎全新，只骑了一个夏天，市中心自提，价格可以商量，欢迎来看车。",
        ),
    ],
    ids=["cyrillic", "chinese"],
)
def test_template_variants_link_in_scripts_other_than_latin(
    session: Session, template: str, cities: tuple[str, str], other: str
) -> None:
    a, b, c = _ingest(
        session,
        template.format(city=cities[0], phone="900 000 0142"),
        template.format(city=cities[1], phone="900 000 0177"),
        other,
    )
    assert a.cluster_id == b.cluster_id
    assert c.cluster_id != a.cluster_id


def test_signatures_with_shared_permutations_equal_a_fresh_minhash_of_the_shingles() -> None:
    # Stored signatures must stay comparable: reusing the permutations may not change a single value.
    text = TEMPLATE.format(name="Lola", city="Houston", phone="713-555-0142")
    fresh = MinHash(num_perm=NUM_PERM, seed=SEED)
    fresh.update_batch(sorted(shingles(text)))
    for _ in range(2):
        values = signature(text)
        assert values is not None and (values == fresh.hashvalues).all()


def test_a_full_lsh_bucket_takes_no_more_members_yet_later_variants_still_join_the_template(
    session: Session,
) -> None:
    # 75 variants of one template, each with its own made-up name (letters only: digits are masked, so
    # numbers would make exact re-posts, which are never added to buckets). No contact links them.
    names = [f"Mira{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(MAX_BUCKET_MEMBERS + 11)]
    texts = [TEMPLATE.format(name=name, city="Houston", phone="the number below") for name in names]
    first = _ingest(session, *texts[:60])  # stored first, then the rest in a second batch
    later = ingest(
        session,
        scorer=KeywordScorer(),
        items=[PostingIn(source="site", external_id=f"late-{n}", text=t) for n, t in enumerate(texts[60:])],
        actor="test",
        category_cutoff=0.5,
    )
    fill = Counter(session.scalars(select(PostingBucket.bucket)))
    assert max(fill.values()) == MAX_BUCKET_MEMBERS  # the buckets all variants share filled up, and stopped
    stored_later = [session.get(Posting, r.posting_id) for r in later]
    clusters = {p.cluster_id for p in first} | {p.cluster_id for p in stored_later if p is not None}
    assert len(clusters) == 1  # the variants past the cap still found the template in its buckets
    # What a new variant's lookup sees: the full buckets' fill, counted on the server.
    newest = signature(TEMPLATE.format(name="Mirazz", city="Houston", phone="the number below"))
    assert newest is not None
    seen = _template_candidates(session, buckets=bands(newest))
    assert max(seen.filled.values()) == MAX_BUCKET_MEMBERS
    assert seen.candidates and all(c.minhash for c in seen.candidates.values())


def test_unrelated_postings_do_not_link(session: Session) -> None:
    a, b = _ingest(
        session,
        TEMPLATE.format(name="Lola", city="Houston", phone="713-555-0142"),
        BIKE.format(phone="404-555-0111"),
    )
    assert a.cluster_id != b.cluster_id


def test_clusters_merge_when_a_posting_bridges_them(session: Session) -> None:
    a, b = _ingest(session, "Room for rent. Call 713-555-0142", "Car for sale. Email jo@example.org")
    assert a.cluster_id != b.cluster_id
    (bridge,) = _ingest(session, "Contact 713 555 0142 or jo@example.org for details on the lot")
    session.expire_all()
    ids = {session.get(Posting, p.id).cluster_id for p in (a, b, bridge)}  # type: ignore[union-attr]
    assert len(ids) == 1


POOL = [
    "Room for rent. Call 713-555-0142",
    "Sofa for sale, text seven one three 555 o1 4 2",
    "Car for sale. Email jo@example.org",
    "Contact 713 555 0142 or jo@example.org",
    TEMPLATE.format(name="Lola", city="Houston", phone="404-555-0100"),
    TEMPLATE.format(name="Lola", city="Miami", phone="305-555-0101"),
    TEMPLATE.format(name="Lola", city="Tampa", phone="305-555-0101"),
    BIKE.format(phone="602-555-0190"),
    "Guitar lessons, telegram @guitar_joe",
    "Piano lessons too, see telegram @guitar_joe",
]


def _partition(session: Session, order: list[int]) -> set[frozenset[int]]:
    posts = _ingest(session, *[POOL[i] for i in order])
    session.expire_all()
    groups: dict[int, set[int]] = {}
    for index, posting in zip(order, posts, strict=True):
        cluster_id = session.scalar(select(Posting.cluster_id).where(Posting.id == posting.id))
        groups.setdefault(cluster_id, set()).add(index)  # type: ignore[arg-type]
    return {frozenset(group) for group in groups.values()}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(list(range(len(POOL)))))
def test_ingest_order_does_not_change_clusters(connection: Connection, order: list[int]) -> None:
    savepoint = connection.begin_nested()  # each example starts from the same empty database
    try:
        with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
            expected = {frozenset({0, 1, 2, 3}), frozenset({4, 5, 6}), frozenset({7}), frozenset({8, 9})}
            assert _partition(session, order) == expected
    finally:
        savepoint.rollback()


def test_multi_city_contact_opens_a_network_case_and_boosts(client: TestClient, keys: dict) -> None:
    cities = ["Houston", "Dallas", "Austin"]
    text = "Hello, I'm new here. Call 832-555-01{n}0 or 713-555-0142"
    postings = [
        {"source": "s", "external_id": f"m{n}", "text": text.format(n=n), "location": city}
        for n, city in enumerate(cities)
    ]
    response = client.post("/v1/postings", json={"postings": postings}, headers=keys["integrator"])
    results = response.json()["results"]
    assert [r["band"] for r in results] == ["low", "low", "low"]
    third = results[2]
    assert [s["id"] for s in third["network_signals"]] == ["network.contact_multi_city"]
    assert "3 places" in third["network_signals"][0]["explanation"]
    case = client.get(f"/v1/cases/{third['case_id']}", headers=keys["reviewer"]).json()
    assert case["case"]["source"] == "network" and case["case"]["network_boost"] is True
    assert case["posting"]["network"]["signals"][0]["id"] == "network.contact_multi_city"
    related = client.get(f"/v1/postings/{third['posting_id']}/related", headers=keys["reviewer"]).json()
    assert len(related["related"]) == 2 and "shares contact +17135550142" in related["related"][0]["reasons"]
    cluster = client.get(f"/v1/clusters/{third['cluster_id']}", headers=keys["reviewer"]).json()
    assert cluster["features"]["distinct_locations"] == 3 and cluster["shared_contacts"]["+17135550142"] == 3


def test_confirmation_pulls_cluster_members_into_review_and_bulk_decisions(
    client: TestClient, keys: dict
) -> None:
    flagged = (
        "New girls every week, Asian & Latina available. Incall only, motel. Daddy books. No LE. 713-555-0142"
    )
    benign = "Selling a baby stroller, barely used, text 713-555-0142"
    results = client.post(
        "/v1/postings",
        json={"postings": [{"source": "s", "external_id": "f", "text": flagged},
                           {"source": "s", "external_id": "b", "text": benign}]},
        headers=keys["integrator"],
    ).json()["results"]  # fmt: skip
    assert results[1]["case_id"] is None and results[0]["cluster_id"] == results[1]["cluster_id"]
    (case,) = client.post("/v1/cases/claim", json={}, headers=keys["reviewer"]).json()
    client.post(f"/v1/cases/{case['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer"])
    member = client.get(f"/v1/postings/{results[1]['posting_id']}", headers=keys["integrator"]).json()
    (network_case_id,) = [case["id"] for case in member["cases"]]
    summary = client.get(f"/v1/cases/{network_case_id}", headers=keys["reviewer"]).json()["case"]
    assert summary["source"] == "network" and summary["network_boost"]

    cluster_id = results[0]["cluster_id"]
    body = {"case_ids": [network_case_id, case["id"]], "decision": "dismiss", "reason": "insufficient_info"}
    forbidden = client.post(f"/v1/clusters/{cluster_id}/decision", json=body, headers=keys["reviewer"])
    assert forbidden.status_code == 403
    bulk = client.post(f"/v1/clusters/{cluster_id}/decision", json=body, headers=keys["senior"]).json()[
        "results"
    ]
    assert bulk[0] == {"case_id": network_case_id, "ok": True, "state": "decided", "error": None}
    assert bulk[1]["ok"] is False and "already decided" in bulk[1]["error"]
    history = client.get(f"/v1/cases/{network_case_id}", headers=keys["auditor"]).json()["history"]
    assert [e["action"] for e in history] == ["open", "claim", "decide"]


def test_cluster_members_carry_a_text_excerpt_only_for_roles_that_see_the_text(
    client: TestClient, keys: dict
) -> None:
    text = "Hello, I'm new here, sweet and discreet. Call 832-555-01{n}0 or 713-555-0142 " + "x" * 300
    postings = [
        {"source": "s", "external_id": f"x{n}", "text": text.format(n=n), "location": city}
        for n, city in enumerate(["Houston", "Dallas", "Austin"])
    ]
    results = client.post("/v1/postings", json={"postings": postings}, headers=keys["integrator"]).json()
    cluster_id = results["results"][2]["cluster_id"]
    for role in ("reviewer", "senior", "auditor"):
        members = client.get(f"/v1/clusters/{cluster_id}", headers=keys[role]).json()["members"]
        assert [m["excerpt"] for m in members] == [text.format(n=n)[:160] for n in range(3)]
    # A minor-cue member is restricted: withheld whole from a reviewer, its excerpt shown to a senior only.
    minor = "Sweet little Mia only 15 looking for a daddy after school 🎀🍒 cousin arranges. 713-555-0142"
    client.post("/v1/postings", json={"postings": [{"source": "s", "external_id": "x9", "text": minor}]},
                headers=keys["integrator"])  # fmt: skip
    as_reviewer = client.get(f"/v1/clusters/{cluster_id}", headers=keys["reviewer"]).json()["members"]
    assert as_reviewer[-1].get("excerpt") is None and as_reviewer[-1]["restricted"] == "minor_cues"
    as_auditor = client.get(f"/v1/clusters/{cluster_id}", headers=keys["auditor"]).json()["members"]
    assert as_auditor[-1].get("excerpt") is None
    as_senior = client.get(f"/v1/clusters/{cluster_id}", headers=keys["senior"]).json()["members"]
    assert as_senior[-1]["excerpt"] == minor


def test_a_refused_bulk_decision_releases_only_the_cases_it_claimed(client: TestClient, keys: dict) -> None:
    flagged = "New girls every week, Asian & Latina available. Incall only, motel. Daddy books. No LE. {}"
    postings = [
        {"source": "s", "external_id": f"u{n}", "text": flagged.format("713-555-0142")} for n in (1, 2)
    ]
    results = client.post("/v1/postings", json={"postings": postings}, headers=keys["integrator"]).json()
    cluster_id = results["results"][0]["cluster_id"]
    (held,) = client.post("/v1/cases/claim", json={"count": 1}, headers=keys["senior"]).json()
    other = next(r["case_id"] for r in results["results"] if r["case_id"] != held["id"])
    # Dismissing an urgent-band case needs a note: refused for both, after the open one was claimed.
    body = {"case_ids": [other, held["id"]], "decision": "dismiss", "reason": "false_positive"}
    bulk = client.post(f"/v1/clusters/{cluster_id}/decision", json=body, headers=keys["senior"]).json()
    assert [item["ok"] for item in bulk["results"]] == [False, False]
    assert "a note is required" in bulk["results"][0]["error"]
    mine = client.get("/v1/cases/mine", headers=keys["senior"]).json()
    assert [case["id"] for case in mine] == [held["id"]]  # held before the call: still held
    released = client.get(f"/v1/cases/{other}", headers=keys["senior"]).json()
    assert released["case"]["state"] == "open"
    assert [e["action"] for e in released["history"]] == ["open", "claim", "release"]


def test_ingest_results_report_the_cluster_after_merges_within_the_batch(session: Session) -> None:
    texts = [
        "Boat for sale. Call 214-555-0101",
        "Van for sale. Email zz@example.org",
        "214 555 0101, zz@example.org",
    ]
    items = [PostingIn(source="s", external_id=f"m{n}", text=text) for n, text in enumerate(texts)]
    results = ingest(session, scorer=KeywordScorer(), items=items, actor="test", category_cutoff=0.5)
    stored = {session.get(Posting, r.posting_id).cluster_id for r in results}  # type: ignore[union-attr]
    assert len(stored) == 1 and {r.cluster_id for r in results} == stored


def _linked(session: Session, items: list[PostingIn], *, batch: bool) -> dict[str, tuple[Any, ...]]:
    """external id -> (cluster as the set of its members' external ids, signal ids, case opened)."""
    results = []
    for group in [items] if batch else [[item] for item in items]:
        results += ingest(session, scorer=KeywordScorer(), items=group, actor="test", category_cutoff=0.5)
    session.expire_all()
    members: dict[int | None, set[str]] = {}
    for result in results:
        members.setdefault(session.get_one(Posting, result.posting_id).cluster_id, set()).add(
            result.external_id
        )
    return {
        r.external_id: (
            frozenset(members[session.get_one(Posting, r.posting_id).cluster_id]),
            tuple(s["id"] for s in r.network_signals),
            r.case_id is not None,
        )
        for r in results
    }


def test_a_batch_links_exactly_as_its_postings_one_by_one(connection: Connection) -> None:
    now = datetime.now(UTC)
    texts = [*POOL, *(f"Hello, I'm new here, week {n}. Call 832-555-0110" for n in range(4))]
    places = [None] * len(POOL) + ["Houston", "Dallas", "Austin", "Reno"]
    items = [
        PostingIn(
            source="site", external_id=f"k{n:02d}", text=t, location=p, posted_at=now - timedelta(hours=n)
        )
        for n, (t, p) in enumerate(zip(texts, places, strict=True))
    ]
    outcomes = []
    for batch in (False, True):
        savepoint = connection.begin_nested()
        try:
            with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
                outcomes.append(_linked(session, items, batch=batch))
        finally:
            savepoint.rollback()
    one_by_one, batched = outcomes
    assert batched == one_by_one
    assert batched["k12"][1] == ("network.contact_multi_city",)  # the third city fires the signal
    assert len(batched["k00"][0]) == 4 and len(batched["k04"][0]) == 3


def test_cluster_view_pages_members_after_the_summary_and_withholds_restricted_ones(
    client: TestClient, keys: dict
) -> None:
    text = "Rooms by the hour, ask for room {n}, discreet, call 713-555-0142 now"
    postings = [
        {"source": "s", "external_id": f"p{n}", "text": text.format(n=n), "location": f"City {n % 7}"}
        for n in range(60)
    ]
    minor = "Sweet little Mia only 15 looking for a daddy after school 🎀🍒 cousin arranges. 713-555-0142"
    postings.append({"source": "s", "external_id": "minor", "location": "City 1", "text": minor})
    results = client.post("/v1/postings", json={"postings": postings}, headers=keys["integrator"]).json()
    cluster_id = results["results"][-1]["cluster_id"]
    seen: list[dict] = []
    after = None
    while True:
        query = f"?limit=25&after={after}" if after is not None else "?limit=25"
        page = client.get(f"/v1/clusters/{cluster_id}{query}", headers=keys["reviewer"]).json()
        # The summary covers the whole cluster on every page.
        assert page["size"] == page["features"]["size"] == 61 and page["features"]["distinct_locations"] == 7
        assert len(page["members"]) <= 25
        seen.extend(page["members"])
        after = page["next_after"]
        if after is None:
            break
    ids = [member["id"] for member in seen]
    assert len(ids) == 61 and ids == sorted(set(ids))  # every member once, in id order, over 3 pages
    # The minor-cue member is withheld whole from a reviewer: only its id and why.
    withheld = [member for member in seen if member.get("restricted")]
    assert len(withheld) == 1 and withheld[0]["restricted"] == "minor_cues"
    assert withheld[0].get("excerpt") is None and withheld[0].get("external_id") is None
    assert client.get(f"/v1/clusters/{cluster_id}?limit=0", headers=keys["reviewer"]).status_code == 422


def test_a_merged_clusters_id_shows_the_cluster_it_joined(
    session: Session, client: TestClient, keys: dict
) -> None:
    a, b = _ingest(session, "Room for rent. Call 713-555-0142", "Car for sale. Email jo@example.org")
    old = {a.cluster_id, b.cluster_id}
    (bridge,) = _ingest(session, "Contact 713 555 0142 or jo@example.org for details on the lot")
    session.commit()
    for cluster_id in old:
        view = client.get(f"/v1/clusters/{cluster_id}", headers=keys["reviewer"]).json()
        assert view["id"] == bridge.cluster_id and view["size"] == 3
    # A new cluster never takes a merged one's id (SQLite would reuse a deleted highest id).
    (lone,) = _ingest(session, "Guitar lessons, telegram @guitar_joe")
    assert lone.cluster_id not in old | {bridge.cluster_id}
