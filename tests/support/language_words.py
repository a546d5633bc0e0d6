"""The small word lists the language check reads (tests/support/language_check.py), in one place."""

# Plural nouns a "1" must never come before, per language: the counted words of the product's messages.
PLURAL_NOUNS = {
    "es": {"problemas", "especialistas", "expertos", "cuestionarios", "respuestas", "instituciones", "rondas", "informes",
           "revisiones", "secciones", "libros", "archivos", "filas", "preguntas", "recomendaciones", "necesidades",
           "hallazgos", "cambios", "comentarios", "días", "versiones", "elementos", "dimensiones", "observaciones",
           "errores", "advertencias", "guías", "notas", "borradores", "eventos", "correos", "recordatorios"},
    "pt": {"problemas", "especialistas", "questionários", "respostas", "instituições", "rodadas", "relatórios",
           "revisões", "seções", "cadernos", "arquivos", "linhas", "perguntas", "recomendações", "necessidades",
           "achados", "alterações", "comentários", "dias", "versões", "elementos", "dimensões", "observações", "erros",
           "guias", "notas", "rascunhos", "eventos", "mensagens", "lembretes"},
    "fr": {"problèmes", "experts", "questionnaires", "réponses", "institutions", "cycles", "rapports", "examens",
           "sections", "classeurs", "fichiers", "lignes", "questions", "recommandations", "besoins", "constats",
           "modifications", "commentaires", "jours", "versions", "éléments", "dimensions", "observations", "erreurs",
           "guides", "notes", "projets", "événements", "courriels", "rappels"},
    "en": {"problems", "experts", "questionnaires", "answers", "institutions", "rounds", "reports", "reviews", "sections",
           "workbooks", "files", "rows", "questions", "recommendations", "needs", "findings", "changes", "comments", "days",
           "versions", "elements", "dimensions", "observations", "errors", "warnings", "guides", "notes", "drafts",
           "events", "e-mails", "reminders"},
}

# Words that may stand twice in a row in a correct sentence ("nous nous réunissons", "it had had").
DOUBLED_ALLOWED = {"nous", "vous", "had"}

# Lower-case words with an underscore that a reader may see because they are the product's own public names.
ALLOWED_CODES = {"mecigep_panel_summary"}
