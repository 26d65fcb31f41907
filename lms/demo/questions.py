"""The demo course's question bank, in GIFT: one category per module ("Módulo N").

`seed_demo` imports each module's text through `assessments.services.questionbank.
questions_import`, the importer people use, so the demo exercises it; each module's
quiz then draws its questions at random from the module's category.

The questions are about the module's pages (`lms.demo.course`). Most are multiple
choice (some with two right answers and partial credit); there are true/false,
short-answer (compared without case or accents), numerical and one matching
question. Every question has general feedback, most answers their own.

GIFT reminders: `=` marks a right answer, `~` a wrong one, `%50%` a partial
grade, `#` starts an answer's feedback and `####` the question's general
feedback; none of `=~#{}` may appear inside answers or feedback.
"""

# GIFT questions and their answers are written one per line.
# ruff: noqa: E501

MODULE_1 = """\
$CATEGORY: Módulo 1

// [id:GEM-M1-01]
::M1-01 Carta Iberoamericana::Según la Carta Iberoamericana de Gobierno Electrónico (2007), ¿qué principio resume el gobierno electrónico? {
=Las personas tienen derecho a relacionarse con la administración por medios electrónicos, y la administración tiene el deber de hacerlo posible.#Correcto. Es un derecho de las personas y un deber de la administración.
~La administración puede exigir que todos los trámites se hagan por internet.#No. La Carta reconoce un derecho de las personas, no una obligación para ellas; los canales presenciales siguen abiertos.
~Cada alcaldía debe comprar su propio sistema informático.#No. El gobierno electrónico no consiste en comprar equipos o sistemas.
~El gobierno electrónico es una tarea exclusiva de la oficina de sistemas.#No. Es una forma de trabajar de toda la administración.
####La Carta Iberoamericana de Gobierno Electrónico parte de un derecho de las personas, que la administración tiene el deber de hacer posible.
}

// [id:GEM-M1-02]
::M1-02 Propósitos del gobierno electrónico::Un programa municipal de gobierno electrónico persigue varios propósitos a la vez. ¿Cuáles de los siguientes son dos de ellos? (Elija dos.) {
~%50%Eficiencia, que los trámites cuesten menos tiempo y dinero a la ciudadanía y a la alcaldía.#Sí, la eficiencia es uno de los cuatro propósitos.
~%50%Confianza, que los datos personales estén protegidos y los servicios funcionen cuando se necesitan.#Sí, la confianza es uno de los cuatro propósitos.
~%-50%Reducir la atención presencial hasta cerrar las ventanillas.#No. Lo digital suma canales, no cierra los que existen.
~%-50%Tener una página web nueva, aunque los trámites no cambien.#No. Una página web no es un fin en sí misma.
####Los cuatro propósitos son transparencia, eficiencia, participación y confianza, y se persiguen al mismo tiempo.
}

// [id:GEM-M1-03]
::M1-03 No es un proyecto de sistemas::El gobierno electrónico municipal es, ante todo, un proyecto de la oficina de sistemas. {F#No es así. Es una forma de trabajar de toda la administración, desde el despacho del alcalde hasta la inspección de policía.#Correcto. No es un proyecto de la oficina de sistemas, sino una forma de trabajar de toda la alcaldía.
####Los proyectos que dependen de una sola oficina o de una sola persona se detienen cuando esa persona se va.
}

// [id:GEM-M1-04]
::M1-04 Etapas de madurez::Relacione cada etapa de madurez con el ejemplo municipal que le corresponde. {
=Presencia -> Página con dirección, horarios y nombre del alcalde
=Información -> Plan de desarrollo, presupuesto y formularios para descargar
=Interacción -> Peticiones por formulario web con número de radicado
=Transacción -> Pago del impuesto predial en línea con recibo electrónico
=Transformación -> Abrir un negocio en un solo trámite
####Las cinco etapas describen lo que ve la ciudadanía. Recuerde que la madurez se mide servicio por servicio, no para la alcaldía entera.
}

// [id:GEM-M1-05]
::M1-05 Las etapas se superponen::Una alcaldía ofrece el pago del predial en línea, pero su portal muestra información de hace tres años. ¿Qué lección de los modelos de madurez ilustra este caso? {
=Las etapas se superponen, y la madurez se mide servicio por servicio.#Correcto. Un mismo municipio puede estar en la etapa 4 en un servicio y tener mal resuelta la etapa 2 en otro.
~Que la alcaldía ya alcanzó la etapa de transformación.#No. La transformación integra servicios alrededor de la persona y exige acuerdos entre dependencias.
~Que conviene saltarse etapas para avanzar más rápido.#No. Saltarse etapas cuesta caro, como muestran los sistemas que nadie usó.
~Que el portal ya no es necesario.#No. La información básica sigue siendo la base de todo lo demás.
####Los modelos de madurez sirven para saber dónde estamos servicio por servicio y cuál es el siguiente paso razonable.
}

// [id:GEM-M1-06]
::M1-06 Nombre de la etapa::¿En qué etapa de madurez la ciudadanía puede hacer trámites completos en línea, como pagar el impuesto predial con factura y recibo electrónicos? Escriba el nombre de la etapa. {
=transacción#Correcto, la etapa 4.
=etapa de transacción#Correcto, la etapa 4.
=etapa 4#Correcto, la etapa de transacción.
####La etapa de transacción (4) es la de los trámites completos en línea; la de transformación (5) integra servicios alrededor de la persona.
}

// [id:GEM-M1-07]
::M1-07 El coordinador del equipo::En esta plataforma, el coordinador del equipo municipal ve el avance de sus compañeros. ¿Cuál es su papel? {
=Ayudar, por ejemplo reorganizando cargas de trabajo, consiguiendo un computador disponible o pidiendo al tutor una sesión de refuerzo.#Correcto. Su papel no es vigilar, sino ayudar.
~Vigilar a sus compañeros y reportar a quien no avanza.#No. El módulo dice expresamente que su papel no es vigilar.
~Calificar el trabajo de los demás miembros del equipo.#No. Las calificaciones las pone el tutor.
~Aprobar los certificados del curso.#No. Los certificados se emiten cuando cada persona cumple los requisitos.
####El coordinador conecta al equipo con el despacho del alcalde, cuida el calendario y apoya a quien se atrasa.
}

// [id:GEM-M1-08]
::M1-08 Tiempo protegido::El curso exige cerca de diez horas al mes por persona, y conviene que el alcalde o el secretario autorice ese tiempo dentro del horario laboral. {T#En realidad sí. El módulo lo llama tiempo protegido, uno de los acuerdos de trabajo del equipo.#Correcto. Es uno de los acuerdos de trabajo del equipo, junto con un espacio fijo, un tablero visible y las decisiones documentadas.
####Sin tiempo protegido, el curso compite con el trabajo diario y suele perder.
}
"""

MODULE_2 = """\
$CATEGORY: Módulo 2

// [id:GEM-M2-01]
::M2-01 Proyectos sueltos::Muchas alcaldías acumulan iniciativas digitales desconectadas. ¿Cuáles de estos problemas producen los proyectos sueltos? (Elija dos.) {
~%50%Duplicación, los mismos datos se capturan varias veces y no coinciden.#Sí, es uno de los tres problemas.
~%50%Abandono, los proyectos sin dueño institucional desaparecen cuando cambia la administración.#Sí, es uno de los tres problemas.
~%-50%Exceso de participación ciudadana.#No. La participación no es un problema de los proyectos sueltos.
~%-50%Demasiados indicadores de resultado.#No. Lo frecuente es lo contrario, la falta de indicadores.
####Los tres problemas son la duplicación, la dependencia de proveedores distintos y el abandono.
}

// [id:GEM-M2-02]
::M2-02 Política de Gobierno Digital::¿Qué norma colombiana fija hoy la Política de Gobierno Digital, que actualizó el capítulo correspondiente del Decreto 1078 de 2015? {
=El Decreto 767 de 2022#Correcto.
~La Ley 1712 de 2014#No. Es la ley de transparencia y acceso a la información pública.
~La Ley 527 de 1999#No. Es la ley de mensajes de datos y firma digital.
~El Decreto 620 de 2020#No. Ese decreto reglamentó los Servicios Ciudadanos Digitales.
####Una buena estrategia cita la política nacional y el plan de desarrollo municipal, y muestra cómo contribuye a sus metas.
}

// [id:GEM-M2-03]
::M2-03 Pocos proyectos::Según el módulo, es preferible comprometerse con veinte proyectos que con cinco, porque así la estrategia muestra ambición. {F#No. Es preferible comprometerse con cinco proyectos bien ejecutados que con veinte que se quedan en el papel.#Correcto. Cinco proyectos bien ejecutados valen más que veinte en el papel.
####Una estrategia útil para un municipio de 20 000 habitantes cabe en quince páginas.
}

// [id:GEM-M2-04]
::M2-04 Tipo de indicador::¿Qué tipo de indicador es el porcentaje de pagos del predial hechos en línea? {
=De uso#Correcto. Mide lo que hace la ciudadanía.
~De producto#No. Un indicador de producto mide lo que entrega la alcaldía, como el número de trámites en línea.
~De insumo#No. Un indicador de insumo mide los recursos, como el presupuesto ejecutado.
~De percepción#No. Un indicador de percepción mide lo que opina la gente.
####Incluya siempre indicadores de uso y de resultado; los de producto son los más fáciles de reportar y los menos útiles.
}

// [id:GEM-M2-05]
::M2-05 Cuántos indicadores::Según el módulo, ¿cuántos indicadores bastan para una estrategia municipal? Escriba un número. {#
=8..12#Correcto. Entre ocho y doce indicadores bastan.
####Entre ocho y doce indicadores bastan. Más que eso se vuelve imposible de medir con el personal disponible, y un indicador que nadie mide da una falsa sensación de control.
}

// [id:GEM-M2-06]
::M2-06 Línea base::¿Cómo se llama el valor actual de un indicador, que se anota antes de fijar su meta? {
=línea base#Correcto.
=línea de base#Correcto.
=la línea base#Correcto.
####Para cada indicador se anotan la línea base, la meta, la fuente del dato y el responsable de medirlo. Si no hay línea base, la primera tarea es construirla.
}

// [id:GEM-M2-07]
::M2-07 Victorias tempranas::En la matriz de impacto y esfuerzo, ¿qué proyectos conviene ejecutar primero? {
=Los de alto impacto y bajo esfuerzo, las victorias tempranas.#Correcto. Generan confianza y apoyo para los proyectos más difíciles.
~Los de alto impacto y alto esfuerzo.#No. Son importantes, pero conviene llegar a ellos con el apoyo que dan las victorias tempranas.
~Los más baratos, aunque beneficien a pocas personas.#No. El impacto cuenta tanto como el costo.
~Los que proponga el proveedor tecnológico.#No. La prioridad la fija la estrategia de la alcaldía.
####Impacto, viabilidad y dependencias son los tres criterios para priorizar.
}

// [id:GEM-M2-08]
::M2-08 Gobernanza::¿Qué instancia recomienda el módulo para aprobar la estrategia y revisar su avance cada trimestre? {
=El comité institucional de gestión y desempeño#Correcto.
~La oficina de sistemas#No. La estrategia es de toda la alcaldía.
~El contratista de la página web#No. Alguien de la alcaldía debe decidir y responder.
~La Procuraduría#No. La Procuraduría vigila, pero no aprueba la estrategia municipal.
####Además del comité, se recomienda un líder con acceso directo al alcalde, enlaces en cada secretaría y un informe semestral público.
}
"""

MODULE_3 = """\
$CATEGORY: Módulo 3

// [id:GEM-M3-01]
::M3-01 Un derecho humano::¿Qué afirmó la Corte Interamericana de Derechos Humanos en el caso Claude Reyes y otros contra Chile (2006)? {
=Que el Estado debe entregar la información que tiene en su poder, salvo las excepciones de la ley, sin que quien la pide explique por qué la quiere.#Correcto.
~Que la información pública solo puede entregarse a periodistas acreditados.#No. El derecho es de todas las personas.
~Que cada entidad decide libremente qué información entrega.#No. Solo la ley puede establecer excepciones.
~Que quien pide información debe demostrar un interés directo.#No. No se exige explicar los motivos.
####El acceso a la información pública es un derecho humano protegido por el artículo 13 de la Convención Americana sobre Derechos Humanos.
}

// [id:GEM-M3-02]
::M3-02 Principios de la ley::¿Cuáles de estos son principios de la ley colombiana de transparencia y acceso a la información pública? (Elija dos.) {
~%50%Máxima publicidad#Sí. Toda información en poder de la alcaldía es pública, salvo lo que la ley reserva.
~%50%Gratuidad#Sí. Solo puede cobrarse la reproducción, según su costo real.
~%-50%Reserva de todos los documentos internos#No. Ser un documento interno no es una excepción válida.
~%-50%Motivación obligatoria de cada solicitud#No. Se entrega la información sin exigir motivos.
####Los principios incluyen máxima publicidad, transparencia activa, gratuidad, celeridad, no discriminación y calidad de la información.
}

// [id:GEM-M3-03]
::M3-03 Documento interno::La alcaldía puede negar una solicitud de información con el argumento de que se trata de un documento interno. {F#No. Esa no es una excepción válida. La negativa debe ser escrita, motivada y citar la norma que la permite.#Correcto. Esa no es una excepción válida.
####Si solo una parte del documento es reservada, se entrega el resto.
}

// [id:GEM-M3-04]
::M3-04 Plazo de las solicitudes de información::En Colombia, ¿en cuántos días hábiles deben resolverse las peticiones de documentos e información? Escriba un número. {#
=10#Correcto. Las peticiones de documentos e información se resuelven en 10 días hábiles.
=%0%15#Ese es el plazo general de las peticiones. Las de documentos e información tienen 10 días hábiles.
####La Ley 1755 de 2015 regula el derecho de petición. En general, las peticiones se resuelven en 15 días hábiles, y las de documentos e información en 10.
}

// [id:GEM-M3-05]
::M3-05 Publicar sin que lo pidan::¿Cómo se llama la obligación de poner información a disposición de todos, de forma permanente y actualizada, sin esperar a que alguien la pida? {
=transparencia activa#Correcto.
=la transparencia activa#Correcto.
####La transparencia activa se opone a la pasiva, que consiste en responder las solicitudes de información.
}

// [id:GEM-M3-06]
::M3-06 Esquema de publicación::¿Qué instrumento dice qué información se publica, dónde, en qué formato, cada cuánto se actualiza y quién responde por ella? {
=El esquema de publicación#Correcto. Sin responsables, la sección de transparencia envejece en pocos meses.
~El plan de desarrollo municipal#No. El plan de desarrollo fija las prioridades del cuatrienio.
~El índice de información clasificada y reservada#No. Ese índice dice qué información no es pública y por qué.
~El informe de gestión#No. El informe de gestión rinde cuentas de lo hecho.
####En la matriz de transparencia activa del módulo se construye el esquema de publicación.
}

// [id:GEM-M3-07]
::M3-07 Una solicitud por correo::Una vecina pide por correo electrónico la relación de los contratos de obra pública de 2025. ¿Qué debe hacer la alcaldía? {
=Radicar la solicitud, informarle el número y responder dentro del plazo, con la información completa.#Correcto.
~Pedirle que explique para qué quiere la información.#No. No se puede exigir que explique sus motivos.
~Exigirle que se presente en persona con la firma autenticada.#No. Son requisitos que la ley no establece.
~Responderle que la información está en el SECOP y cerrar la solicitud sin más.#No. Se puede indicar dónde está publicada, pero hay que responder la solicitud.
####El recorrido de una solicitud es recepción, radicación, reparto, búsqueda y revisión, respuesta, y cierre y registro.
}

// [id:GEM-M3-08]
::M3-08 Rendición de cuentas permanente::La Ley 1757 de 2015 concibe la rendición de cuentas como un proceso permanente, y no como un evento anual. {T#Sí lo es. La ley la concibe como un proceso permanente, y los medios digitales ayudan a que sea continua.#Correcto.
####La rendición de cuentas combina información, diálogo y responsabilidad.
}
"""

MODULE_4 = """\
$CATEGORY: Módulo 4

// [id:GEM-M4-01]
::M4-01 Ley antitrámites::¿Qué prohibió el Decreto Ley 019 de 2012, conocido como ley antitrámites? {
=Exigir a la ciudadanía documentos que reposan en la propia entidad.#Correcto.
~Cobrar el impuesto predial por medios electrónicos.#No. El pago electrónico está permitido y se promueve.
~Usar la firma electrónica en los certificados.#No. La firma electrónica tiene validez jurídica.
~Atender trámites en ventanilla.#No. Los canales presenciales siguen abiertos.
####La Ley 2052 de 2020 fue más allá y ordenó digitalizar los trámites y no pedir información que pueda obtenerse de otras entidades públicas.
}

// [id:GEM-M4-02]
::M4-02 Digitalizar un mal trámite::Pasar a internet un trámite sin cambiarlo siempre lo mejora, porque la persona ya no tiene que desplazarse. {F#No. Digitalizar un mal trámite lo empeora. Si exige seis documentos que la alcaldía ya tiene, en línea solo produce seis archivos escaneados.#Correcto. Primero se simplifica y después se digitaliza.
####La primera pregunta no es cómo ponerlo en línea, sino por qué existe cada paso.
}

// [id:GEM-M4-03]
::M4-03 Preguntas para cada paso::¿Qué preguntas conviene hacer a cada paso de un trámite antes de digitalizarlo? (Elija dos.) {
~%50%¿Qué norma lo exige?#Sí. Si ninguna lo exige, se puede eliminar.
~%50%¿La información ya está en la alcaldía o en otra entidad pública?#Sí. Entonces se consulta, no se pide.
~%-50%¿Qué documento adicional podría pedirse por si acaso?#No. Se trata de quitar requisitos, no de sumarlos.
~%-50%¿Qué proveedor puede sistematizarlo más rápido?#No. La tecnología viene después de simplificar.
####Otras preguntas útiles son si un documento puede reemplazarse por una declaración, cuántas firmas se necesitan de verdad y qué pasos pueden hacerse en paralelo.
}

// [id:GEM-M4-04]
::M4-04 Nivel de un trámite en línea::Una persona radica en línea su solicitud de licencia con los documentos adjuntos, pero debe terminar el trámite en la ventanilla. ¿En qué nivel de digitalización está el trámite? {
=Parcial#Correcto.
~Informativo#No. En el nivel informativo solo se consultan requisitos y se descarga el formulario.
~Total#No. En el nivel total todo se hace sin ir a la alcaldía, incluidos el pago y la entrega.
~Transformación#No. Esa es una etapa de los modelos de madurez del módulo 1.
####La meta es llegar a trámites totalmente en línea en los servicios más solicitados, sin cerrar los canales presenciales.
}

// [id:GEM-M4-05]
::M4-05 Registro de trámites::¿En qué sistema, que administra la Función Pública, deben estar inscritos los trámites de las entidades colombianas? Escriba la sigla o el nombre. {
=SUIT#Correcto.
=Sistema Único de Información de Trámites#Correcto.
####El Sistema Único de Información de Trámites (SUIT) reúne los trámites de las entidades públicas, con sus requisitos, costos y plazos.
}

// [id:GEM-M4-06]
::M4-06 Ahorro en transporte::Un certificado se pide 1800 veces al año, y a cada persona el transporte para pedirlo le costaba 24 000 pesos. Si el trámite pasa a hacerse en línea, sin viajes, ¿cuántos millones de pesos al año ahorra la comunidad en transporte? Escriba solo el número, con decimales si hace falta. {#
=43.2:0.1#Correcto. 1800 solicitudes por 24 000 pesos dan 43 200 000 pesos, es decir, 43,2 millones al año.
####Multiplicar el costo de una solicitud por el número de solicitudes muestra el tamaño real del ahorro. En el ejemplo del módulo, además, se liberan casi 2000 horas de funcionario.
}

// [id:GEM-M4-07]
::M4-07 Conservar a largo plazo::Para conservar documentos electrónicos durante muchos años, ¿qué formato recomienda el módulo? {
=PDF/A#Correcto.
~Fotografías en JPG#No. Una imagen escaneada no es un formato de conservación.
~El correo electrónico del funcionario#No. Los documentos en carpetas personales desaparecen cuando la persona se va.
~Archivos comprimidos con contraseña#No. Dificultan la consulta durante el tiempo de retención.
####Las tablas de retención documental dicen cuánto tiempo se conserva cada serie y qué se hace al final.
}

// [id:GEM-M4-08]
::M4-08 Tablas de retención::¿Cómo se llama el instrumento que define qué series documentales produce cada dependencia, cuánto tiempo se conservan y qué se hace con ellas al final? Escriba la sigla o el nombre. {
=TRD#Correcto.
=tablas de retención documental#Correcto.
=tabla de retención documental#Correcto.
####El Archivo General de la Nación orienta la elaboración de las tablas de retención documental (TRD).
}
"""

MODULE_5 = """\
$CATEGORY: Módulo 5

// [id:GEM-M5-01]
::M5-01 Origen del presupuesto participativo::¿Dónde y cuándo nació el presupuesto participativo? {
=En Porto Alegre (Brasil), en 1989#Correcto. Desde allí se extendió a cientos de ciudades de América Latina.
~En Montevideo (Uruguay), en 2005#No.
~En Bogotá (Colombia), en 1991#No.
~En Ciudad de México, en 2000#No.
####El presupuesto participativo nació en Porto Alegre en 1989. Con el tiempo, varias ciudades abrieron a la ciudadanía la presentación de propuestas o la votación por internet, sin abandonar las asambleas presenciales.
}

// [id:GEM-M5-02]
::M5-02 Escalera de la participación::La alcaldía publica el borrador del acuerdo de tránsito y pide comentarios antes de decidir. ¿En qué nivel de la escalera de la participación está? {
=Consultar#Correcto. Pide opinión antes de decidir.
~Informar#No. Informar es contar lo que se hace.
~Colaborar#No. Colaborar es construir soluciones con la gente.
~Decidir#No. En ese nivel la decisión queda en manos de la ciudadanía.
####Cada nivel es legítimo si se dice con claridad cuál es.
}

// [id:GEM-M5-03]
::M5-03 Consultar sin escuchar::El error más dañino en la participación es consultar sin intención de escuchar. {T#Sí lo es. La gente percibe la simulación y deja de participar.#Correcto. La gente percibe la simulación y deja de participar.
####Por eso toda consulta termina con una devolución, qué se recibió, qué se tomó en cuenta y por qué se descartó lo demás.
}

// [id:GEM-M5-04]
::M5-04 Una buena consulta::¿Cuáles de estas son reglas de una buena consulta ciudadana? (Elija dos.) {
~%50%Una pregunta clara sobre una decisión real que aún no está tomada.#Sí.
~%50%Publicar después qué se recibió, qué se tomó en cuenta y por qué.#Sí, es la devolución.
~%-50%Un plazo de dos días, para decidir rápido.#No. Al menos dos semanas, más si hay zonas rurales.
~%-50%Solo el canal en línea, para ahorrar costos.#No. Los canales mixtos llegan a quienes no están conectados.
####Las cinco reglas son una pregunta clara, información suficiente, un plazo razonable, canales mixtos y devolución.
}

// [id:GEM-M5-05]
::M5-05 PQRSD::¿Con qué sigla se conocen las peticiones, quejas, reclamos, sugerencias y denuncias que deben entrar a un único sistema? {
=PQRSD#Correcto.
=%50%PQRS#Casi. Falta la D de denuncias.
####Sin importar el canal (formulario web, correo, ventanilla, teléfono o redes sociales), las PQRSD entran a un único sistema con número de radicado.
}

// [id:GEM-M5-06]
::M5-06 Una petición por mensajería::Un vecino escribe por la aplicación de mensajería de la alcaldía para pedir formalmente un certificado. ¿Qué debe hacer el funcionario? {
=Radicar la solicitud en el sistema de peticiones e informarle el número de radicado.#Correcto. Así la solicitud no se pierde y tiene seguimiento.
~Responderle solo por mensajería, sin registrar la solicitud.#No. Las solicitudes formales deben radicarse en el sistema.
~Pedirle una foto de su documento de identidad completo por mensajería.#No. Nunca se piden datos sensibles por mensajería.
~Indicarle que ese canal no es oficial y no responder.#No. El reto es ordenar los canales para que ninguna solicitud se pierda.
####La mensajería funciona bien para informar y orientar; las solicitudes formales se radican en el sistema.
}

// [id:GEM-M5-07]
::M5-07 Las cuentas oficiales::¿A quién pertenecen las cuentas oficiales de la alcaldía en las redes sociales? {
=A la alcaldía, con las contraseñas bajo custodia institucional.#Correcto. Las contraseñas se cambian cuando alguien se va.
~Al alcalde de turno#No. Las cuentas siguen siendo de la alcaldía cuando cambia el gobierno.
~Al contratista de comunicaciones#No. Y tampoco deben manejarse desde su teléfono personal.
~Al funcionario que las creó#No.
####Active además la verificación en dos pasos y publique una política de uso.
}

// [id:GEM-M5-08]
::M5-08 Canal asistido::¿Qué es un canal asistido? {
=Un punto donde un funcionario o un gestor comunitario hace el trámite en línea junto con la persona.#Correcto. Quien no tiene internet obtiene la misma rapidez, y la alcaldía trabaja con un solo procedimiento.
~Un chat automático en el portal de la alcaldía.#No.
~Una línea telefónica que solo da información general.#No.
~Un trámite que solo puede hacerse en línea.#No. El canal asistido existe precisamente para quien no puede hacerlo solo.
####Los canales asistidos, las alianzas con bibliotecas y colegios, el diseño accesible y las páginas livianas ayudan a que nadie quede por fuera.
}
"""

MODULE_6 = """\
$CATEGORY: Módulo 6

// [id:GEM-M6-01]
::M6-01 Dominio semántico::En el dominio semántico de la interoperabilidad, ¿qué pregunta se responde? {
=¿Entendemos lo mismo por cada dato?#Correcto. Por ejemplo, definir igual predio y número predial en ambos sistemas.
~¿Tenemos autorización para compartir estos datos?#No. Esa es la pregunta del dominio legal.
~¿Quién entrega, quién recibe y con qué compromiso?#No. Esa es la pregunta del dominio organizacional.
~¿Cómo se conectan los sistemas?#No. Esa es la pregunta del dominio técnico.
####La mayoría de los fracasos de interoperabilidad no son técnicos, sino legales, organizacionales o semánticos.
}

// [id:GEM-M6-02]
::M6-02 La tecnología de interoperabilidad::¿Qué tecnología, la misma que usa Estonia, apoya la interoperabilidad de los Servicios Ciudadanos Digitales en Colombia? {
=X-Road#Correcto.
=XRoad#Correcto.
=X Road#Correcto.
####El Decreto 620 de 2020 reglamentó los Servicios Ciudadanos Digitales, autenticación digital, carpeta ciudadana digital e interoperabilidad.
}

// [id:GEM-M6-03]
::M6-03 PDF y datos abiertos::Un informe de ejecución presupuestal publicado en PDF es un dato abierto. {F#No. Es transparente, pero la tabla con la que se hizo, publicada en CSV, es el dato abierto.#Correcto. La tabla en CSV sí lo sería.
####Los datos abiertos pueden consultarse, usarse, reutilizarse y redistribuirse sin restricciones, en formatos que un computador puede leer.
}

// [id:GEM-M6-04]
::M6-04 Publicar un conjunto de datos::¿Qué debe hacer la alcaldía al publicar un conjunto de datos abiertos? (Elija dos.) {
~%50%Usar CSV en UTF-8, con una fila por registro y encabezados claros.#Sí.
~%50%Revisar que el conjunto no permita identificar a las personas.#Sí.
~%-50%Combinar celdas para que la tabla se vea ordenada.#No. Las celdas combinadas dificultan reutilizar los datos.
~%-50%Incluir los totales dentro de la tabla.#No. Los totales dentro de la tabla se confunden con los registros.
####Agregue también metadatos y una licencia abierta, publíquelo en el portal nacional y actualícelo con la frecuencia prometida.
}

// [id:GEM-M6-05]
::M6-05 Principios de la Carta::¿Cuántos principios propone la Carta Internacional de Datos Abiertos (2015)? Escriba un número. {#
=6#Correcto.
####Abiertos por defecto; oportunos y exhaustivos; accesibles y utilizables; comparables e interoperables; para mejorar la gobernanza y la participación; y para el desarrollo incluyente y la innovación.
}

// [id:GEM-M6-06]
::M6-06 Calidad de los datos::El nombre de un mismo barrio aparece escrito de cuatro maneras distintas en los sistemas de la alcaldía. ¿Qué dimensión de la calidad de los datos falla? {
=Consistencia#Correcto. El dato no coincide entre sistemas.
~Exactitud#No. La exactitud es que el dato refleje la realidad.
~Oportunidad#No. La oportunidad es que esté actualizado.
~Unicidad#No. La unicidad trata de los registros duplicados.
####Las listas desplegables en lugar de texto libre previenen este problema en la captura.
}

// [id:GEM-M6-07]
::M6-07 El inventario::¿Cómo se llama la lista de la información que tiene la alcaldía, con quién la produce, dónde se guarda, si contiene datos personales y si es pública, clasificada o reservada? {
=inventario de activos de información#Correcto.
=registro de activos de información#Correcto. Es el nombre que usa la Ley 1712 de 2014 para su publicación.
=inventario de activos#Correcto.
####El inventario sirve a la vez para la transparencia, la seguridad de la información, la protección de datos personales y la planeación de los datos abiertos.
}
"""

MODULE_7 = """\
$CATEGORY: Módulo 7

// [id:GEM-M7-01]
::M7-01 Componente jurídico::¿Qué componente del catastro describe la relación entre el predio y las personas, como propietario, poseedor u ocupante? {
=El jurídico#Correcto.
~El físico#No. El físico describe la ubicación, la forma, el área y las construcciones.
~El económico#No. El económico describe el valor del predio.
~El fiscal#No. El uso fiscal es calcular el impuesto; no es uno de los tres componentes.
####Los tres componentes del catastro son el físico, el jurídico y el económico.
}

// [id:GEM-M7-02]
::M7-02 Autoridad catastral::¿Qué entidad es la máxima autoridad catastral en Colombia? {
=El Instituto Geográfico Agustín Codazzi (IGAC)#Correcto.
~El DANE#No. El DANE produce estadísticas y cartografía, pero no es la autoridad catastral.
~La Superintendencia de Industria y Comercio#No. Vigila, entre otras cosas, la protección de datos personales.
~El Ministerio TIC#No.
####Los municipios pueden habilitarse como gestores catastrales, solos o asociados con otros, para actualizar y conservar su propio catastro.
}

// [id:GEM-M7-03]
::M7-03 Conservación catastral::La conservación catastral mantiene al día, cada día, los cambios de cada predio, como compraventas, nuevas construcciones y subdivisiones. {T#Sí. Esa es la conservación; sin ella, un catastro actualizado vuelve a quedar obsoleto en pocos años.#Correcto.
####La actualización renueva la información de todo el municipio o de una zona; la conservación la mantiene al día.
}

// [id:GEM-M7-04]
::M7-04 Catastro multifinalitario::Además de calcular el impuesto predial, ¿para qué sirve un catastro multifinalitario? (Elija dos.) {
~%50%Para planear el territorio.#Sí.
~%50%Para gestionar el riesgo, por ejemplo saber qué viviendas están en zonas de inundación.#Sí.
~%-50%Para fijar los salarios de los funcionarios.#No.
~%-50%Para reemplazar el registro civil de las personas.#No.
####La misma información catastral sirve para recaudar de forma justa, planear, gestionar riesgos y dar seguridad jurídica a la tenencia de la tierra.
}

// [id:GEM-M7-05]
::M7-05 Un SIG libre::¿Qué sistema de información geográfica de software libre, disponible en español, recomienda el módulo para empezar? {
=QGIS#Correcto.
=Q GIS#Correcto.
####No se necesitan licencias costosas para empezar. Con cartografía oficial abierta e imágenes de satélite de libre acceso se construye una primera versión.
}

// [id:GEM-M7-06]
::M7-06 Tarifas del predial::En el ciclo del impuesto predial, ¿quién aprueba las tarifas del impuesto? {
=El concejo municipal, por acuerdo, dentro de los rangos que fija la ley.#Correcto.
~Catastro#No. Catastro fija el avalúo de cada predio.
~Hacienda#No. Hacienda liquida el impuesto y factura.
~El IGAC#No.
####El ciclo es catastro, concejo, hacienda, contribuyente y tesorería; cuando el primer paso falla, todo lo demás se debilita.
}

// [id:GEM-M7-07]
::M7-07 San Isidro de la Sierra::En el caso de San Isidro de la Sierra, ¿qué hizo la alcaldía antes de medir? {
=Explicó durante dos meses, en cada vereda, qué era la actualización catastral y para qué serviría el recaudo.#Correcto. Explicar antes de medir evitó el rechazo ciudadano.
~Publicó los nuevos avalúos sin aviso, para evitar reclamos.#No. Abrió además un canal para revisar cada avalúo.
~Llevó las tarifas a su máximo legal.#No. El recaudo creció sin llevar las tarifas a su máximo legal.
~Contrató la actualización solo para la cabecera.#No. Usó drones en la cabecera e imágenes de satélite y visitas en la zona rural.
####El caso muestra que una actualización catastral es tanto un proceso de comunicación como uno técnico.
}
"""

MODULE_8 = """\
$CATEGORY: Módulo 8

// [id:GEM-M8-01]
::M8-01 Equivalencia funcional::¿Cómo se llama el principio por el cual un mensaje de datos cumple los requisitos de escrito, firma y original si se garantizan su integridad, su autenticidad y su disponibilidad? {
=equivalencia funcional#Correcto.
=la equivalencia funcional#Correcto.
=principio de equivalencia funcional#Correcto.
####La Ley Modelo de la CNUDMI sobre Comercio Electrónico (1996) estableció este principio, que inspiró la Ley 527 de 1999 en Colombia.
}

// [id:GEM-M8-02]
::M8-02 Datos personales::¿Qué ley colombiana regula el tratamiento de los datos personales? {
=La Ley 1581 de 2012#Correcto. La Superintendencia de Industria y Comercio vigila su cumplimiento.
~La Ley 1712 de 2014#No. Es la ley de transparencia y acceso a la información pública.
~La Ley 527 de 1999#No. Es la ley de mensajes de datos y firma digital.
~La Ley 2052 de 2020#No. Es la ley de racionalización y digitalización de trámites.
####Su reglamentación está hoy compilada en el Decreto 1074 de 2015.
}

// [id:GEM-M8-03]
::M8-03 Datos sensibles::¿Cuáles de estos son datos sensibles, que merecen una protección reforzada? (Elija dos.) {
~%50%Los datos de salud#Sí.
~%50%Los datos biométricos#Sí.
~%-50%El horario de atención de la alcaldía#No. Es información pública.
~%-50%El nombre de la dependencia que responde una petición#No.
####También son sensibles el origen étnico, la orientación sexual, las convicciones religiosas o políticas y los datos de niñas, niños y adolescentes.
}

// [id:GEM-M8-04]
::M8-04 Firmado electrónicamente::Un acto administrativo firmado electrónicamente debe imprimirse y firmarse a mano para que sea oficial. {F#No. Es válido tal como está; imprimirlo, firmarlo y escanearlo hace perder la verificación de integridad.#Correcto.
####Según la Ley 1437 de 2011, los medios electrónicos son válidos en el procedimiento administrativo.
}

// [id:GEM-M8-05]
::M8-05 Firma escaneada::Un funcionario pega en un PDF la imagen escaneada de su firma manuscrita. ¿Qué es eso? {
=Un error frecuente, porque no es una firma digital ni garantiza la integridad del documento.#Correcto.
~Una firma digital válida.#No. La firma digital se basa en criptografía y en un certificado.
~Una firma electrónica avanzada con certificado.#No.
~Lo que exige la Ley 527 de 1999.#No.
####La firma electrónica o digital que se elija depende del riesgo del documento; un código de verificación o un QR permite que cualquiera la compruebe.
}

// [id:GEM-M8-06]
::M8-06 Disponibilidad::¿Qué objetivo de la seguridad de la información busca que la información y los servicios estén accesibles cuando se necesitan? {
=La disponibilidad#Correcto.
~La confidencialidad#No. Es que solo quien debe ver la información la vea.
~La integridad#No. Es que la información no se altere sin autorización.
~La finalidad#No. Es un principio del tratamiento de datos personales.
####Confidencialidad, integridad y disponibilidad son los tres objetivos de la seguridad de la información.
}

// [id:GEM-M8-07]
::M8-07 Reportar incidentes::Reportar un incidente de seguridad es motivo de sanción para el funcionario que lo reporta. {F#No. Reportar pronto no es motivo de sanción, es lo que permite contener el daño.#Correcto.
####Un correo sospechoso o un archivo que desaparece se reportan de inmediato al responsable de seguridad.
}

// [id:GEM-M8-08]
::M8-08 ColCERT::¿Cómo se llama el equipo nacional de respuesta a incidentes cibernéticos en el que pueden apoyarse las entidades públicas colombianas? {
=ColCERT#Correcto.
=Col CERT#Correcto.
####Tenga a mano el plan de respuesta a incidentes, a quién llamar y qué hacer en la primera hora.
}
"""

MODULE_9 = """\
$CATEGORY: Módulo 9

// [id:GEM-M9-01]
::M9-01 La herramienta de trámites::¿Qué herramienta del programa sirve para ofrecer trámites y servicios en línea sin desarrollar un sistema para cada uno? {
=MuniServi#Correcto.
~MuniPortal#No. MuniPortal es el portal web municipal.
~MuniCompra#No. MuniCompra organiza las compras públicas.
~MuniParticipa#No. MuniParticipa organiza la participación ciudadana en línea.
####Las cuatro herramientas se complementan, y el portal da acceso a las demás.
}

// [id:GEM-M9-02]
::M9-02 MuniCompra::¿Qué ofrece MuniCompra a la alcaldía? (Elija dos.) {
~%50%El plan anual de adquisiciones, por dependencia y trimestre.#Sí.
~%50%Un tablero público de los contratos en ejecución.#Sí.
~%-50%Tramitar los procesos de contratación en reemplazo del SECOP II.#No. Los procesos se tramitan en el sistema nacional.
~%-50%Votaciones del presupuesto participativo.#No. Eso lo ofrece MuniParticipa.
####MuniCompra ayuda a organizarse antes, durante y después de cada proceso, y exporta los contratos en CSV.
}

// [id:GEM-M9-03]
::M9-03 MuniCompra y el SECOP::MuniCompra reemplaza al SECOP II, de modo que los procesos de contratación ya no se tramitan allí. {F#No. Los procesos deben tramitarse en el sistema nacional; MuniCompra no lo reemplaza.#Correcto.
####MuniCompra complementa el sistema nacional de compras públicas.
}

// [id:GEM-M9-04]
::M9-04 Dominio oficial::¿En qué debe terminar el dominio del portal oficial de una alcaldía colombiana? {
=.gov.co#Correcto.
=gov.co#Correcto.
####El dominio institucional permite distinguir el sitio oficial de las páginas falsas, y el municipio conserva el control cuando cambia de proveedor.
}

// [id:GEM-M9-05]
::M9-05 Señales de alerta::¿Qué señal de alerta en la contratación puede indicar requisitos hechos a la medida? {
=Procesos con un solo oferente, una y otra vez.#Correcto.
~Contratos publicados en datos abiertos.#No. Publicar es una buena práctica.
~Informes de supervisión con fotos y fechas.#No. Es supervisar de verdad.
~El uso de documentos tipo.#No. Los documentos tipo reducen los requisitos hechos a la medida.
####Las señales de alerta no prueban irregularidades, pero indican dónde mirar con más atención.
}

// [id:GEM-M9-06]
::M9-06 Roles de MuniPortal::En MuniPortal, ¿qué rol revisa y publica los contenidos? {
=Edición, normalmente a cargo de comunicaciones.#Correcto.
~Redacción#No. Redacción prepara los contenidos de su área, pero no publica sin aprobación.
~Administración#No. Administración se ocupa de usuarios, estructura y configuración.
~Cualquier funcionario con acceso#No. Quien redacta no publica sin aprobación.
####Un portal se juzga por su contenido más viejo; cada sección necesita un responsable y una revisión mensual.
}

// [id:GEM-M9-07]
::M9-07 El primer trámite::¿Por qué el certificado de residencia es un buen primer trámite para configurar en MuniServi? {
=Porque tiene mucha demanda, poco riesgo y una respuesta estándar.#Correcto.
~Porque es el trámite más costoso de la alcaldía.#No.
~Porque exige la firma digital del alcalde.#No.
~Porque no tiene plazo legal de respuesta.#No.
####Otros buenos comienzos son el paz y salvo del predial, el certificado de estratificación, el permiso para eventos y la solicitud de información pública.
}

// [id:GEM-M9-08]
::M9-08 Moderación en MuniParticipa::En MuniParticipa, ¿qué se hace con los comentarios retirados por moderación? {
=Se registran, con el motivo, para evitar acusaciones de censura.#Correcto.
~Se borran sin dejar rastro.#No.
~Se publican con los datos personales de su autor.#No. Nunca se publican datos personales de otras personas.
~Se reenvían a la Fiscalía.#No.
####Las reglas de moderación se publican antes de empezar.
}
"""

QUESTIONS: dict[int, str] = {
    1: MODULE_1,
    2: MODULE_2,
    3: MODULE_3,
    4: MODULE_4,
    5: MODULE_5,
    6: MODULE_6,
    7: MODULE_7,
    8: MODULE_8,
    9: MODULE_9,
}
"""Module position → its questions in GIFT (category "Módulo N")."""


def category_name(module: int) -> str:
    return f"Módulo {module}"


def gift_file(module: int) -> tuple[str, bytes]:
    """The file name and bytes `questions_import` receives for a module's questions."""
    return f"gem-100-modulo-{module}.gift", QUESTIONS[module].encode()
