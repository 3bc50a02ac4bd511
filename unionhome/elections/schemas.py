"""Input and output of the elections API; every rule lives in the services.

Outputs show what the pages show the same person: counts, votes, outcome and who was elected only once the
results are released (``Election.results_visible``), the running turnout only while an online vote is open.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from unionhome.core.text import CleanTextSchema

Mark = Literal["F", "A", "X"]


# --- input ----------------------------------------------------------------------------------------------------

class ElectionIn(CleanTextSchema):
    kind: str
    committee_kind: str
    purpose: str = "committee"
    mode: str
    seats: int = Field(ge=1, le=99)
    held_on: dt.date
    term_years: int | None = Field(default=None, ge=1, le=10)
    body: str | None = None  # none: by the union's size
    title: str = Field(default="", max_length=120)


class ChairElectionIn(CleanTextSchema):
    purpose: Literal["chair", "vice_chair"]
    seats: int = Field(default=1, ge=1, le=9)
    mode: str
    held_on: dt.date


class CandidateIn(CleanTextSchema):
    worker_id: int
    nominated_by: str = Field(default="", max_length=100)


class ElectorsIn(CleanTextSchema):
    worker_ids: list[int] = Field(max_length=100_000)


class OfficersIn(CleanTextSchema):
    scrutineer_ids: list[int] = Field(default_factory=list, max_length=100)
    teller_ids: list[int] = Field(default_factory=list, max_length=100)


class OpenIn(CleanTextSchema):
    opens_at: dt.datetime | None = None  # online: the voting window
    closes_at: dt.datetime | None = None
    present: int | None = Field(default=None, ge=0, le=10_000_000)  # attendance counted before opening


class CandidateCountIn(Schema):
    candidate_id: int
    for_votes: int = Field(ge=0, le=10_000_000)
    against_votes: int = Field(ge=0, le=10_000_000)
    abstain_votes: int = Field(ge=0, le=10_000_000)


class WriteInCountIn(Schema):
    worker_id: int
    votes: int = Field(ge=0, le=10_000_000)


class PaperCountIn(CleanTextSchema):
    present: int = Field(ge=0, le=10_000_000)
    issued: int = Field(ge=0, le=10_000_000)
    returned: int = Field(ge=0, le=10_000_000)
    invalid: int = Field(ge=0, le=10_000_000)
    counts: list[CandidateCountIn] = Field(max_length=1000)
    write_ins: list[WriteInCountIn] = Field(default_factory=list, max_length=1000)


class ReleaseIn(CleanTextSchema):
    released_on: dt.date


class DateIn(CleanTextSchema):
    held_on: dt.date


class ApproveIn(CleanTextSchema):
    approved_on: dt.date
    approval_document: str = Field(max_length=100)
    approved_by: str = Field(max_length=100)


class MarkIn(Schema):
    candidate_id: int
    mark: Mark  # F 赞成, A 反对, X 弃权


class BallotIn(CleanTextSchema):
    """A candidate left out is an abstention; up to ``seats`` members written in (另选他人)."""

    marks: list[MarkIn] = Field(default_factory=list, max_length=1000)
    write_in_ids: list[int] = Field(default_factory=list, max_length=99)


# --- output ---------------------------------------------------------------------------------------------------

class ElectionOut(Schema):
    id: int
    title: str
    kind: str
    committee_kind: str
    purpose: str
    mode: str
    body: str
    seats: int
    held_on: dt.date
    status: str
    round: int
    parent_id: int | None
    term_years: int | None
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    released_on: dt.date | None


class CandidateOut(Schema):
    id: int
    worker_id: int
    worker_name: str
    nominated_by: str
    confirmed: bool
    write_in: bool
    strokes: int
    has_photo: bool
    # Only once the results are released (null before).
    for_votes: int | None = None
    against_votes: int | None = None
    abstain_votes: int | None = None
    elected: bool | None = None
    tied: bool | None = None


class PersonOut(Schema):
    id: int
    name: str


class FamilyOut(Schema):
    id: int
    title: str
    purpose: str
    round: int
    status: str


class ElectionDetailOut(ElectionOut):
    entitled: int | None
    voted: int | None  # online, while the vote is open
    outcome: str | None  # once released
    present: int | None  # once released
    ballots_issued: int | None
    ballots_returned: int | None
    ballots_invalid: int | None
    approved_on: dt.date | None
    approval_document: str
    approved_by: str
    candidates: list[CandidateOut]
    electors: list[PersonOut]  # a representatives' congress: the representatives (会员代表)
    scrutineers: list[PersonOut]
    tellers: list[PersonOut]
    family: list[FamilyOut]  # further rounds and chair/vice-chair elections


class ElectionsOut(Schema):
    """Officers: every election (as on the management page). Members: the votes open to them and the released
    results (as on the elections page)."""

    open: list[ElectionOut]
    released: list[ElectionOut]
    all: list[ElectionOut] | None = None  # holders of elections.manage only


class BallotCandidateOut(Schema):
    id: int
    name: str
    unit: str
    post: str
    has_photo: bool


class BallotOut(Schema):
    """What the ballot page shows the member: the candidates only while the vote is open to them."""

    id: int
    title: str
    seats: int
    mode: str
    status: str
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    voting_open: bool
    voted: bool
    candidates: list[BallotCandidateOut]


class BallotCheckOut(Schema):
    """The choices read back before the ballot is cast; ``void`` when more are chosen than the seats."""

    chosen: int
    seats: int
    void: bool


class ReceiptOut(Schema):
    receipt: str


class ElectorsOut(Schema):
    electors: int


class ResultOut(Schema):
    candidate_id: int
    worker_name: str
    write_in: bool
    for_votes: int
    against_votes: int
    abstain_votes: int
    elected: bool
    tied: bool


class ResultsOut(Schema):
    id: int
    title: str
    outcome: str
    entitled: int | None
    present: int | None
    ballots_issued: int | None
    ballots_returned: int | None
    ballots_invalid: int | None
    released_on: dt.date | None
    results: list[ResultOut]
    receipts: list[str]  # online: the counted ballots' receipt codes, in code order


class TermOut(Schema):
    id: int
    number: int
    starts_on: dt.date
    ends_on: dt.date
    status: str
