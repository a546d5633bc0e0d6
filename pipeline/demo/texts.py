"""What the people of the example workspace type, in the working language of its main round (``mecigep demo
--round-language``): the officials' answers and evidence, the experts' notes and texts, the country's comments and
DGPE's note. Everything here is invented for illustration; the institutions keep their own (Peruvian) names."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoTexts:
    answers: tuple[str, ...]  # free-text answers of the questionnaire
    evidence: tuple[str, ...]  # documents an institution cites, one per claim in turn
    notes: tuple[tuple[str, str, str, str, str, str], ...]  # finding, assessment, need, challenge, recommendation, priority
    correction_note: str  # why DGPE corrected CEPLAN's number
    panel_summary: str
    luis_summary: str
    luis_conclusions: str
    panel_default: str  # the panel's text in every other section
    country_insertion: str  # the country's tracked insertion
    country_comment: str  # the country's comment (a question)
    accepted_response: str  # the panel's response to the insertion, accepted
    rejected_response: str  # and to the comment, rejected
    followup_actions: str
    followup_evidence: str
    respondent: tuple[str, str]  # name and position of who answers the follow-up


_NOTES_ES = (
    ("La visión de largo plazo existe en un plan aprobado, pero los planes sectoriales la citan sin derivar metas.",
     "partly", "Asistencia técnica para alinear planes sectoriales con metas nacionales.",
     "Pasar de planes declarativos a metas con responsables y presupuesto.",
     "Incorporar en cada plan sectorial una matriz de metas alineadas al plan nacional.", "high"),
    ("La entidad rectora emite lineamientos, pero no tiene personal suficiente para acompañar a los gobiernos regionales.",
     "confirmed", "Formación de planificadores regionales en gestión por resultados.",
     "Construir una red de planificadores con carrera y formación continua.",
     "Crear un programa permanente de formación certificada para planificadores regionales.", "medium"),
    ("El seguimiento se publica, pero los informes no se discuten en la asignación presupuestaria.",
     "not_confirmed", "Intercambio con países que vinculan seguimiento y presupuesto.",
     "Usar la evidencia del seguimiento en las decisiones de presupuesto.",
     "Establecer una revisión anual conjunta de planes y presupuesto con base en los informes de seguimiento.", "high"),
)

TEXTS = {
    "es": DemoTexts(
        answers=("Falta personal especializado en los gobiernos regionales y la rotación es alta.",
                 "El plan estratégico 2021-2030 se elaboró con talleres en las 25 regiones.",
                 "Los informes de seguimiento se publican cada semestre en el portal institucional."),
        evidence=("Decreto Supremo 029-2018-PCM, https://example.gob.pe/doc",
                  "Resolución Ministerial 125-2024-EF, https://example.gob.pe/rm-125",
                  "Informe anual de seguimiento 2025, https://example.gob.pe/informe-2025",
                  "Directiva 001-2024-CEPLAN, https://example.gob.pe/directiva"),
        notes=_NOTES_ES,
        correction_note="La funcionaria de CEPLAN confirmó por teléfono que son 120 organizaciones (1 fue un error de tipeo).",
        panel_summary=("El Perú cuenta con un sistema de planeamiento estratégico con rectoría definida y un plan de largo plazo "
                       "aprobado. El panel observó que la articulación entre planes y presupuesto es todavía débil y que las "
                       "capacidades de planificación de los gobiernos regionales son desiguales."),
        luis_summary="El planeamiento peruano tiene un ente rector y un plan al 2050; su mayor desafío es que el presupuesto siga a los planes.",
        luis_conclusions=("El panel concluye que vincular el plan con el presupuesto es la reforma de mayor impacto y la más "
                          "factible en el corto plazo."),
        panel_default=("El panel contrastó las respuestas del cuestionario con lo escuchado en las entrevistas y coincide, en "
                       "general, con la autoevaluación de las instituciones."),
        country_insertion=" Se sugiere incluir un cronograma de implementación.",
        country_comment="¿Con qué evidencia se afirma que las capacidades regionales son desiguales?",
        accepted_response="Se incluye el cronograma en el anexo de recomendaciones.",
        rejected_response="Lo muestran las entrevistas en Cusco y los puntajes de la sección 3.",
        followup_actions="Se aprobó la directiva y se capacitó a 120 planificadores regionales.",
        followup_evidence="Resolución de Presidencia 045-2027, https://example.gob.pe/directiva",
        respondent=("María Fernanda Quispe", "Directora de Modernización de la Gestión Pública"),
    ),
    "en": DemoTexts(
        answers=("Regional governments lack specialised staff, and turnover is high.",
                 "The 2021-2030 strategic plan was drawn up in workshops held in all 25 regions.",
                 "Monitoring reports are published every six months on the institution's website."),
        evidence=("Supreme Decree 029-2018-PCM, https://example.gob.pe/doc",
                  "Ministerial Resolution 125-2024-EF, https://example.gob.pe/rm-125",
                  "Annual monitoring report 2025, https://example.gob.pe/informe-2025",
                  "Directive 001-2024-CEPLAN, https://example.gob.pe/directiva"),
        notes=(
            ("The long-term vision is set out in an approved plan, but sector plans quote it without deriving targets from it.",
             "partly", "Technical assistance to align sector plans with national targets.",
             "Moving from declaratory plans to targets with owners and a budget.",
             "Include in every sector plan a matrix of targets aligned with the national plan.", "high"),
            ("The lead agency issues guidelines, but lacks the staff to support the regional governments.",
             "confirmed", "Training regional planners in results-based management.",
             "Building a network of planners with a career path and continuous training.",
             "Create a permanent certified training programme for regional planners.", "medium"),
            ("Monitoring is published, but its reports are not discussed when the budget is allocated.",
             "not_confirmed", "Exchanges with countries that link monitoring and budgeting.",
             "Using monitoring evidence in budget decisions.",
             "Hold a yearly joint review of plans and budget based on the monitoring reports.", "high"),
        ),
        correction_note="CEPLAN's official confirmed by phone that there are 120 organisations (the 1 was a typing slip).",
        panel_summary=("Peru has a strategic planning system with a clear lead agency and an approved long-term plan. The panel "
                       "found that plans and budget are still loosely linked and that the planning capacity of regional "
                       "governments is uneven."),
        luis_summary="Peruvian planning has a lead agency and a plan to 2050; its main challenge is making the budget follow the plans.",
        luis_conclusions="The panel concludes that linking the plan to the budget is the reform with the greatest impact and the most feasible in the short term.",
        panel_default=("The panel checked the questionnaire answers against what it heard in the interviews and broadly agrees "
                       "with the institutions' self-assessment."),
        country_insertion=" We suggest adding an implementation timetable.",
        country_comment="What evidence shows that regional capacities are uneven?",
        accepted_response="The timetable is added to the annex of recommendations.",
        rejected_response="The interviews in Cusco and the scores of section 3 show it.",
        followup_actions="The directive was approved and 120 regional planners were trained.",
        followup_evidence="Resolution of the Presidency 045-2027, https://example.gob.pe/directiva",
        respondent=("María Fernanda Quispe", "Director of Public Management Modernisation"),
    ),
    "pt": DemoTexts(
        answers=("Faltam servidores especializados nos governos regionais, e a rotatividade é alta.",
                 "O plano estratégico 2021-2030 foi elaborado em oficinas nas 25 regiões.",
                 "Os relatórios de monitoramento são publicados a cada semestre no portal da instituição."),
        evidence=("Decreto Supremo 029-2018-PCM, https://example.gob.pe/doc",
                  "Resolução Ministerial 125-2024-EF, https://example.gob.pe/rm-125",
                  "Relatório anual de monitoramento 2025, https://example.gob.pe/informe-2025",
                  "Diretiva 001-2024-CEPLAN, https://example.gob.pe/directiva"),
        notes=(
            ("A visão de longo prazo consta de um plano aprovado, mas os planos setoriais a citam sem dela derivar metas.",
             "partly", "Assistência técnica para alinhar os planos setoriais às metas nacionais.",
             "Passar de planos declaratórios a metas com responsáveis e orçamento.",
             "Incluir em cada plano setorial uma matriz de metas alinhadas ao plano nacional.", "high"),
            ("O órgão central emite diretrizes, mas não tem pessoal suficiente para apoiar os governos regionais.",
             "confirmed", "Capacitação de planejadores regionais em gestão por resultados.",
             "Formar uma rede de planejadores com carreira e capacitação contínua.",
             "Criar um programa permanente de capacitação certificada para planejadores regionais.", "medium"),
            ("O monitoramento é publicado, mas os relatórios não são discutidos na alocação do orçamento.",
             "not_confirmed", "Intercâmbio com países que vinculam monitoramento e orçamento.",
             "Usar as evidências do monitoramento nas decisões orçamentárias.",
             "Instituir uma revisão anual conjunta de planos e orçamento com base nos relatórios de monitoramento.", "high"),
        ),
        correction_note="A servidora do CEPLAN confirmou por telefone que são 120 organizações (o 1 foi um erro de digitação).",
        panel_summary=("O Peru conta com um sistema de planejamento estratégico com órgão central definido e um plano de longo "
                       "prazo aprovado. O painel observou que a articulação entre planos e orçamento ainda é fraca e que a "
                       "capacidade de planejamento dos governos regionais é desigual."),
        luis_summary="O planejamento peruano tem um órgão central e um plano até 2050; seu maior desafio é fazer o orçamento acompanhar os planos.",
        luis_conclusions="O painel conclui que vincular o plano ao orçamento é a reforma de maior impacto e a mais viável no curto prazo.",
        panel_default=("O painel comparou as respostas do questionário com o que ouviu nas entrevistas e concorda, em geral, "
                       "com a autoavaliação das instituições."),
        country_insertion=" Sugere-se incluir um cronograma de implementação.",
        country_comment="Que evidência mostra que as capacidades regionais são desiguais?",
        accepted_response="O cronograma foi incluído no anexo de recomendações.",
        rejected_response="As entrevistas em Cusco e as pontuações da seção 3 o mostram.",
        followup_actions="A diretiva foi aprovada e 120 planejadores regionais foram capacitados.",
        followup_evidence="Resolução da Presidência 045-2027, https://example.gob.pe/directiva",
        respondent=("María Fernanda Quispe", "Diretora de Modernização da Gestão Pública"),
    ),
    "fr": DemoTexts(
        answers=("Les gouvernements régionaux manquent de personnel spécialisé et la rotation y est forte.",
                 "Le plan stratégique 2021-2030 a été élaboré lors d'ateliers tenus dans les 25 régions.",
                 "Les rapports de suivi sont publiés chaque semestre sur le portail de l'institution."),
        evidence=("Décret suprême 029-2018-PCM, https://example.gob.pe/doc",
                  "Résolution ministérielle 125-2024-EF, https://example.gob.pe/rm-125",
                  "Rapport annuel de suivi 2025, https://example.gob.pe/informe-2025",
                  "Directive 001-2024-CEPLAN, https://example.gob.pe/directiva"),
        notes=(
            ("La vision à long terme figure dans un plan approuvé, mais les plans sectoriels la citent sans en tirer d'objectifs.",
             "partly", "Assistance technique pour aligner les plans sectoriels sur les objectifs nationaux.",
             "Passer de plans déclaratifs à des objectifs dotés de responsables et d'un budget.",
             "Intégrer à chaque plan sectoriel une matrice d'objectifs alignés sur le plan national.", "high"),
            ("L'organisme chef de file publie des lignes directrices, mais manque de personnel pour accompagner les gouvernements régionaux.",
             "confirmed", "Formation des planificateurs régionaux à la gestion axée sur les résultats.",
             "Constituer un réseau de planificateurs dotés d'une carrière et d'une formation continue.",
             "Créer un programme permanent de formation certifiante pour les planificateurs régionaux.", "medium"),
            ("Le suivi est publié, mais ses rapports ne sont pas examinés lors de l'allocation du budget.",
             "not_confirmed", "Échanges avec des pays qui relient suivi et budget.",
             "Utiliser les résultats du suivi dans les décisions budgétaires.",
             "Instaurer un examen annuel conjoint des plans et du budget fondé sur les rapports de suivi.", "high"),
        ),
        correction_note="La fonctionnaire du CEPLAN a confirmé par téléphone qu'il s'agit de 120 organisations (le 1 était une faute de frappe).",
        panel_summary=("Le Pérou dispose d'un système de planification stratégique doté d'un organisme chef de file et d'un plan "
                       "à long terme approuvé. Le groupe d'experts a constaté que l'articulation entre les plans et le budget "
                       "reste faible et que les capacités de planification des gouvernements régionaux sont inégales."),
        luis_summary=("La planification péruvienne dispose d'un organisme chef de file et d'un plan à l'horizon 2050 ; son "
                      "principal défi est que le budget suive les plans."),
        luis_conclusions=("Le groupe d'experts conclut que relier le plan au budget est la réforme la plus porteuse et la plus "
                          "réalisable à court terme."),
        panel_default=("Le groupe d'experts a confronté les réponses au questionnaire à ce qu'il a entendu lors des entretiens "
                       "et rejoint, dans l'ensemble, l'autoévaluation des institutions."),
        country_insertion=" Nous suggérons d'ajouter un calendrier de mise en œuvre.",
        country_comment="Sur quels éléments s'appuie l'affirmation que les capacités régionales sont inégales ?",
        accepted_response="Le calendrier est ajouté à l'annexe des recommandations.",
        rejected_response="Les entretiens menés à Cusco et les scores de la section 3 le montrent.",
        followup_actions="La directive a été approuvée et 120 planificateurs régionaux ont été formés.",
        followup_evidence="Résolution de la Présidence 045-2027, https://example.gob.pe/directiva",
        respondent=("María Fernanda Quispe", "Directrice de la modernisation de la gestion publique"),
    ),
}
