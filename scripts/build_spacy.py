"""Build the English spaCy pipeline that Rasa's SpacyNLP loads by path.

Pretrained spaCy models download from a host these machines cannot reach, so the
pipeline is assembled from installed packages: a blank English tokenizer plus a
lookup lemmatizer whose tables come from spacy-lookups-data. Lemmas let the count
vectors treat "arrests"/"arrested"/"arrest" as one word.

Usage: python scripts/build_spacy.py OUTPUT_DIR
"""

import sys
from pathlib import Path

import spacy


def build(output: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = "school_safety_en"
    nlp.meta["description"] = "Blank English + lookup lemmatizer (spacy-lookups-data)"
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    target = Path(sys.argv[1])
    build(target)
    check = spacy.load(target)
    lemmas = [t.lemma_ for t in check("officers were arresting students")]
    print(f"spaCy pipeline written to {target} (lemmas: {' '.join(lemmas)})")
