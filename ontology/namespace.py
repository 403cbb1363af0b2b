"""Our RDF vocabulary as a closed rdflib namespace: a typo is an error, not a new IRI.

Every term is defined in ``ontology/stancegraph.ttl``; a test checks that the
two agree.

>>> SG.Statement
rdflib.term.URIRef('https://w3id.org/stancegraph/ontology#Statement')
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["SG", "DATA", "ONTOLOGY_IRI"]

ONTOLOGY_IRI = "https://w3id.org/stancegraph/ontology"
#: where the instances of a build live: DATA["actor/"], DATA["statement/"] ...
DATA = Namespace("https://w3id.org/stancegraph/")


class SG(DefinedNamespace):
    """The stancegraph ontology (``sg:``)."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    State: URIRef
    Group: URIRef
    Position: URIRef
    Statement: URIRef
    RoleAssertion: URIRef
    Document: URIRef
    Polarity: URIRef
    # polarities
    Support: URIRef
    Oppose: URIRef
    Neutral: URIRef
    # actor -> position (or the actor a stance is on)
    takesStanceOn: URIRef
    supports: URIRef
    opposes: URIRef
    commentsOn: URIRef
    # actor -> actor
    holdsRoleIn: URIRef
    leaderOf: URIRef
    spokespersonOf: URIRef
    represents: URIRef
    memberOf: URIRef
    employedBy: URIRef
    # statements and role assertions
    actor: URIRef
    position: URIRef
    targetActor: URIRef
    polarity: URIRef
    cueType: URIRef
    cue: URIRef
    evidence: URIRef
    claimText: URIRef
    sourceText: URIRef
    targetText: URIRef
    startOffset: URIRef
    endOffset: URIRef
    confidence: URIRef
    matchScore: URIRef
    conditional: URIRef
    hedged: URIRef
    holder: URIRef
    roleIn: URIRef
    roleType: URIRef
    title: URIRef
    # actors, positions, documents
    mentionCount: URIRef
    inCatalogue: URIRef
    speaker: URIRef
    speakerName: URIRef
    contentHash: URIRef
    mentions: URIRef
    cueStartOffset: URIRef
    cueEndOffset: URIRef
    curation: URIRef
    sourceKind: URIRef
