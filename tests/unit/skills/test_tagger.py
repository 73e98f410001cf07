"""The skill tagger's model sets: resume models on CV text, marginal decoding, and the Dotin training labels."""

from __future__ import annotations

from mulakat.documents.reader import read_document
from mulakat.skills.extract_report import extract, taxonomy_fills_in
from mulakat.skills.tagger import LAYERS, SkillTagger, load_tagger, model_path, spans_from_bio, tokenize
from mulakat.skills.tagger_features import decode, features, taxonomy_marks, to_bioes
from mulakat.skills.taxonomy import load_taxonomy
from mulakat.skills.train_resume_tagger import as_read, cv_examples, folds, read_cvs
from tests.support.paths import SHARED_DATA, requires_shared_data

TAX = load_taxonomy()
CV = (
    "Jane Roe\nSoftware Engineer\n\nWORK EXPERIENCE\n\nSoftware Engineer\nAcme - 2019 to Present\n"
    "Built release pipelines with Jenkins and Ansible; reports in Tableau.\n\n"
    "SKILLS\n\nJava, Spring Boot, Oracle, SVN, Git, Maven, JIRA\n"
)


def _tagger() -> SkillTagger:
    tagger = load_tagger()
    assert tagger is not None, "the trained models ship in knowledge/models"
    return tagger


def test_resume_models_ship_and_tag_a_skills_list() -> None:
    tagger = _tagger()
    assert tagger.reads("resume") and tagger.reads("job")
    tools = {CV[s.start : s.end] for s in tagger.tag(CV, "resume") if s.layer == "knowledge"}
    listed = {"Java", "Spring Boot", "Oracle", "SVN", "Git", "Maven", "JIRA"}
    assert len(tools & listed) >= 5, tools


def test_a_lower_marginal_threshold_only_adds_tokens() -> None:
    tagger = _tagger().taggers["resume"]["knowledge"]
    line = "Tools: SVN, Marketo, SpagoBI, Jenkins and a little Perl scripting"
    tokens = tokenize(line)
    rows = features(tokens, taxonomy_marks(line, tokens, TAX))
    inside = {th: {i for i, label in enumerate(decode(tagger, rows, th)) if label != "O"} for th in (0.2, 0.5, 0.8)}
    assert inside[0.8] <= inside[0.5] <= inside[0.2]
    assert inside[0.2], "a tool list has tokens inside spans at 0.2"
    spans = spans_from_bio(decode(tagger, rows, 0.2), tokens, "knowledge")
    assert all(line[s.start : s.end].strip() == line[s.start : s.end] for s in spans)


def test_the_taxonomy_fills_in_only_what_no_tagger_has_judged() -> None:
    tagger = _tagger()
    assert taxonomy_fills_in("resume", None, "python") and taxonomy_fills_in("job", None, "python")
    assert not taxonomy_fills_in("resume", tagger, "python") and not taxonomy_fills_in("job", tagger, "python")
    assert taxonomy_fills_in("job", tagger, "linguist:elm"), "an imported skill the tagger never saw is added"
    doc = read_document("resume", "cv.txt", CV.encode())
    tagged = extract(doc, TAX, tagger)
    assert tagged.skills and all(s.source == "tagger" for s in tagged.skills)
    assert all(doc.text[s.start : s.end] == s.surface for s in tagged.skills)
    # With no tagger the taxonomy still finds the known skills, so nothing depends on the model files.
    untagged = {s.name for s in extract(doc, TAX, None).skills}
    assert {"Jenkins", "Ansible", "Git"} <= untagged


def test_bioes_labels_read_back_as_the_same_spans() -> None:
    bio = ["O", "B", "I", "I", "O", "B", "B", "I", "I", "O"]
    assert to_bioes(bio) == ["O", "B", "I", "E", "O", "S", "B", "I", "E", "O"]
    tagger = _tagger().taggers["job"]["knowledge"]
    assert set(tagger.labels()) == {"B", "I", "O", "E", "S"}, "the posting models ship with BIOES labels"
    line = "Experience with Docker , Kubernetes and Apache Kafka in production ."
    tokens = tokenize(line)
    rows = features(tokens, taxonomy_marks(line, tokens, TAX))
    for threshold in (None, 0.3):
        labels = decode(tagger, rows, threshold)
        assert set(labels) <= {"B", "I", "O"}
        found = {line[s.start : s.end] for s in spans_from_bio(labels, tokens, "knowledge")}
        assert {"Docker", "Kubernetes"} <= found, (threshold, found)


def test_dotin_labels_become_b_and_i_per_line() -> None:
    text = "Skills\nSpring Boot, Java\nTeam leadership"
    cv = {
        "text": text,
        "entities": [
            {"start": 7, "end": 18, "label": "Tech Tools"},
            {"start": 20, "end": 24, "label": "Tech Tools"},
            {"start": 25, "end": 40, "label": "Soft Skills"},
        ],
    }
    lines = cv_examples(cv, TAX)
    assert [labels["knowledge"] for _, labels in lines] == [["O"], ["B", "I", "O", "B"], ["O", "O"]]
    assert [labels["skill"] for _, labels in lines] == [["O"], ["O", "O", "O", "O"], ["B", "I"]]


def test_folds_are_fixed_and_balanced() -> None:
    assigned = folds(310)
    assert assigned == folds(310)
    assert sorted(assigned.count(k) for k in range(5)) == [62] * 5
    assert assigned[:10] != sorted(assigned[:10]), "shuffled, not in file order"


@requires_shared_data
def test_cvs_train_on_the_text_extract_reads_with_gold_offsets_kept() -> None:
    cvs = read_cvs(SHARED_DATA / "skills" / "dotin_train" / "train.jsonl")[:40]
    wrapped = 0
    for cv in cvs:
        text = as_read(cv)
        assert len(text) == len(cv["text"])
        wrapped += text != cv["text"]
        for e in cv["entities"]:  # wrapping only turns a space into a line break
            assert text[e["start"] : e["end"]].split() == e["text"].split()
    assert wrapped, "some of these CVs have lines long enough to be wrapped"


def test_without_resume_models_a_resume_is_read_exactly_as_a_posting() -> None:
    jobs_only = SkillTagger(TAX, {"job": {layer: model_path(layer) for layer in LAYERS}})
    assert not jobs_only.reads("resume")
    assert jobs_only.tag(CV, "resume") == jobs_only.tag(CV, "job")
    assert jobs_only.tag(CV, "job") == _tagger().tag(CV, "job")
