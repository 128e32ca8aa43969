# The official action server image plus the libraries our actions import that it lacks:
# actions/knowledge.py reads YAML and actions/spelling.py reads spaCy's English word
# tables. The actions themselves are mounted, not copied.
FROM rasa/rasa-sdk:3.6.2
USER root
RUN pip install --no-cache-dir PyYAML==6.0.4 spacy-lookups-data==1.0.5
USER 1001
