"""The small word lists the language check reads (tests/support/language_check.py), in one place."""

# Plural nouns a number that takes the singular must never come before, per language: the counted words of the
# product's messages (tests/i18n/test_plurals.py renders each counted message and checks it against these).
PLURAL_NOUNS = {
    "es": {"problemas", "especialistas", "expertos", "cuestionarios", "respuestas", "instituciones", "rondas", "informes",
           "revisiones", "secciones", "libros", "archivos", "filas", "preguntas", "recomendaciones", "necesidades",
           "hallazgos", "cambios", "comentarios", "días", "versiones", "elementos", "dimensiones", "observaciones",
           "errores", "advertencias", "guías", "notas", "borradores", "eventos", "correos", "recordatorios", "celdas",
           "columnas", "partes", "registros", "brechas", "documentos", "argumentos", "puntos", "afirmaciones"},
    "pt": {"problemas", "especialistas", "questionários", "respostas", "instituições", "rodadas", "relatórios",
           "revisões", "seções", "cadernos", "arquivos", "linhas", "perguntas", "recomendações", "necessidades",
           "achados", "alterações", "comentários", "dias", "versões", "elementos", "dimensões", "observações", "erros",
           "guias", "notas", "rascunhos", "minutas", "eventos", "mensagens", "lembretes", "células", "colunas", "partes",
           "registros", "lacunas", "avisos", "pastas", "documentos", "argumentos", "pontos", "afirmações", "e-mails"},
    "fr": {"problèmes", "experts", "questionnaires", "réponses", "institutions", "cycles", "rapports", "examens",
           "sections", "classeurs", "fichiers", "lignes", "questions", "recommandations", "besoins", "constats",
           "modifications", "commentaires", "jours", "versions", "éléments", "dimensions", "observations", "erreurs",
           "guides", "notes", "projets", "événements", "courriels", "rappels", "cellules", "colonnes", "parties",
           "enregistrements", "écarts", "avertissements", "documents", "arguments", "points", "affirmations"},
    "en": {"problems", "experts", "questionnaires", "answers", "institutions", "rounds", "reports", "reviews", "sections",
           "workbooks", "files", "rows", "questions", "recommendations", "needs", "findings", "changes", "comments", "days",
           "versions", "elements", "dimensions", "observations", "errors", "warnings", "guides", "notes", "drafts",
           "events", "e-mails", "reminders", "cells", "columns", "parts", "records", "gaps", "documents", "arguments",
           "points", "claims"},
}

# The numbers that take the singular: 1, and in French and Portuguese (Brazil) 0 too ("0 problème", "0 arquivo").
SINGULAR_NUMBERS = {"es": ("1",), "en": ("1",), "pt": ("0", "1"), "fr": ("0", "1")}

# Words that may stand twice in a row in a correct sentence ("nous nous réunissons", "it had had").
DOUBLED_ALLOWED = {"nous", "vous", "had"}

# Lower-case words with an underscore that a reader may see because they are the product's own public names.
ALLOWED_CODES = {"mecigep_panel_summary"}
