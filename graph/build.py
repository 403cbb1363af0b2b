"""Turn an :class:`~stancegraph.extract.records.Extraction` into one networkx graph.

The graph is a plain ``nx.MultiDiGraph``; every view (RDF, GraphML, HTML,
tables) is computed from it.

Nodes (``kind`` attribute):

- ``actor:<id>``: ``kind="actor"``, ``label``, ``type`` (Person, Organization,
  State, Group), ``aliases`` (list), ``wikidata`` (or None), ``mentions``,
  ``curated`` (list).
- ``position:<id>``: ``kind="position"``, ``label``, ``alt_labels`` (list),
  ``iri`` (catalogue concept IRI or None), ``in_catalogue``, ``curated`` (list).
- ``document:<id>``: ``kind="document"``, ``label`` (title or id), ``title``,
  ``date``, ``speaker``, ``source``, ``url``.

Edges (``kind`` attribute), keyed so that parallel edges stay apart:

- stance, actor -> position, key ``"<polarity>:<predicate>"``: ``polarity``,
  ``predicate`` (demands, rejects ...), ``count``, ``confidence`` (max over the
  evidence) and ``evidence``: a list of dicts with ``doc``, ``sentence``,
  ``start``, ``end``, ``date``, ``confidence``, ``cue``, ``curated`` (list).
- role, actor -> actor, key ``predicate``: ``predicate`` (leader_of ...),
  ``role``, ``count``, ``evidence`` as above.
- mentions, document -> actor, key ``"mentions"``: ``count``.

Curation provenance: ``curated`` on actor and position nodes, on each evidence
dict and on stance and role edges (the sorted union over their evidence) lists
the corrections of a curation file (``--curation``, see
:mod:`stancegraph.extract.curation`) that changed that record, as
``"<kind>:<detail>"`` strings such as ``"merge-actors:zelensky>volodymyr-zelenskyy"``
or ``"set-polarity:oppose>support"``. It is empty when nothing was corrected.
"""

from __future__ import annotations

import networkx as nx

from stancegraph.extract.records import Extraction, content_hash

__all__ = ["build_graph", "add_evidence", "actor_node", "position_node", "document_node"]


def actor_node(actor_id: str) -> str:
    return f"actor:{actor_id}"


def position_node(position_id: str) -> str:
    return f"position:{position_id}"


def document_node(doc_id: str) -> str:
    return f"document:{doc_id}"


def build_graph(extraction: Extraction) -> nx.MultiDiGraph:
    """Build the stance graph.

    >>> from stancegraph.extract.records import Extraction, Actor
    >>> G = build_graph(Extraction(actors=[Actor("nato", "NATO", "Organization")]))
    >>> G.nodes["actor:nato"]["type"]
    'Organization'
    """
    G = nx.MultiDiGraph()
    for doc in extraction.documents:
        G.add_node(
            document_node(doc.id),
            kind="document",
            label=doc.title or doc.id,
            title=doc.title,
            date=doc.date,
            speaker=doc.speaker,
            content_hash=doc.content_hash or (content_hash(doc.text) if doc.text else None),
            source=doc.source,
            url=doc.url,
        )
    for actor in extraction.actors:
        G.add_node(
            actor_node(actor.id),
            kind="actor",
            label=actor.label,
            type=actor.type,
            aliases=list(actor.aliases),
            wikidata=actor.wikidata,
            description=actor.description,
            mentions=actor.mentions,
            curated=list(actor.curated),
        )
    for (doc_id, actor_id), count in sorted(extraction.mentions.items()):
        G.add_edge(
            document_node(doc_id), actor_node(actor_id), "mentions", kind="mentions", count=count
        )
    for position in extraction.positions:
        G.add_node(
            position_node(position.id),
            kind="position",
            label=position.label,
            alt_labels=list(position.alt_labels),
            iri=position.iri,
            in_catalogue=position.in_catalogue,
            definition=position.definition,
            curated=list(position.curated),
        )
    for st in extraction.statements:
        evidence = {
            "doc": st.doc,
            "sentence": st.evidence,
            "start": st.start,
            "end": st.end,
            "date": st.date,
            "confidence": st.confidence,
            "cue": st.cue,
            "cue_start": st.cue_start,
            "cue_end": st.cue_end,
            "conditional": st.conditional,
            "hedged": st.hedged,
            "position_score": st.position_score,
            "object_text": st.object_text,
            "curated": list(st.curated),
        }
        add_evidence(
            G,
            actor_node(st.actor_id),
            position_node(st.position_id),
            f"{st.polarity}:{st.predicate}",
            evidence,
            kind="stance",
            polarity=st.polarity,
            predicate=st.predicate,
        )
    for rel in extraction.relations:
        evidence = {
            "doc": rel.doc,
            "sentence": rel.evidence,
            "start": rel.start,
            "end": rel.end,
            "date": rel.date,
            "confidence": rel.confidence,
            "cue": rel.role,
            "curated": list(rel.curated),
        }
        add_evidence(
            G,
            actor_node(rel.subject_id),
            actor_node(rel.object_id),
            rel.predicate,
            evidence,
            kind="role",
            predicate=rel.predicate,
            role=rel.role,
        )
    return G


def add_evidence(G: nx.MultiDiGraph, u: str, v: str, key: str, evidence: dict, **attrs) -> None:
    curated = evidence.get("curated") or []
    if G.has_edge(u, v, key):
        data = G.edges[u, v, key]
        if evidence not in data["evidence"]:
            data["evidence"].append(evidence)
            data["count"] = len(data["evidence"])
            data["confidence"] = max(data["confidence"], evidence["confidence"])
            data["curated"] = sorted(set(data.get("curated") or []) | set(curated))
        return
    G.add_edge(
        u,
        v,
        key,
        evidence=[evidence],
        count=1,
        confidence=evidence["confidence"],
        curated=sorted(set(curated)),
        **attrs,
    )
