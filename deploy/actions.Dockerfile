# The official action server image plus the one library our actions import that it lacks
# (actions/knowledge.py reads YAML). The actions themselves are mounted, not copied.
FROM rasa/rasa-sdk:3.6.2
USER root
RUN pip install --no-cache-dir PyYAML==6.0.4
USER 1001
