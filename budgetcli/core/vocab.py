"""The words of the command line and the files that are fixed lists: statuses, groupings.

Kept apart, with nothing but ``enum`` imported, so the CLI can offer them as choices without
loading the data model at start-up.
"""

from enum import StrEnum


class Status(StrEnum):
    PROPOSED = "proposed"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    REALIZED = "realized"


#: the Danish words for the statuses, as the documents write them (for "did you mean")
DANISH_STATUSES = {
    "foreslået": Status.PROPOSED,
    "foreslaaet": Status.PROPOSED,
    "forslag": Status.PROPOSED,
    "vedtaget": Status.ADOPTED,
    "vedtagen": Status.ADOPTED,
    "godkendt": Status.ADOPTED,
    "forkastet": Status.REJECTED,
    "afvist": Status.REJECTED,
    "realiseret": Status.REALIZED,
    "gennemført": Status.REALIZED,
}

#: the default of ``--status``: every status but rejected
ACTIVE_STATUSES = (Status.PROPOSED, Status.ADOPTED, Status.REALIZED)


class ProposalKind(StrEnum):
    """What a proposal is (the documents' spareforslag, udvidelsesforslag, anlægsforslag,
    tekniske korrektioner); ``reduction`` when a file does not say."""

    REDUCTION = "reduction"
    EXPANSION = "expansion"
    CONSTRUCTION = "construction"
    TECHNICAL = "technical"


class GroupBy(StrEnum):
    AREA = "area"
    COMMITTEE = "committee"
    CENTER = "center"
    STATUS = "status"
    KIND = "kind"
    PROPOSAL = "proposal"
