"""The demo course "Gobierno Electrónico Municipal" (GEM-100), as data.

Ten modules, 100 hours in all. Pages are Markdown (rendered and sanitised by
`content.services.page_save`); headings start at level 2 because the page
shows the activity's title as its own heading. Files are small text and CSV
resources written here and stored through `content.services.file_resource_create`.
Modules 1–9 end with a short quiz and module 10 with the final team project
(`lms.demo.assessment`; the questions are in `lms.demo.questions`).

Cases marked "ilustrativo" combine situations common in the region; they are
not reports about a particular municipality.
"""

# Markdown tables and paragraphs cannot be wrapped at 100 characters.
# ruff: noqa: E501

import datetime
from dataclasses import dataclass

from courses.models import ActivityKind, CompletionRule
from lms.demo.assessment import PROJECT, DemoAssignment, DemoQuiz


@dataclass(frozen=True)
class DemoFile:
    name: str
    description: str
    text: str

    def content(self) -> bytes:
        """UTF-8 with a byte-order mark and Windows line ends: opens right in old Notepad and Excel."""
        return self.text.replace("\n", "\r\n").encode("utf-8-sig")


# How each kind of graded activity completes.
_GRADED_COMPLETION = {
    ActivityKind.QUIZ: CompletionRule.PASSED,
    ActivityKind.ASSIGNMENT: CompletionRule.GRADED,
}


@dataclass(frozen=True)
class DemoActivity:
    """One activity: a page, a file, a quiz or an assignment (exactly one)."""

    title: str
    hours: float
    page: str = ""
    file: DemoFile | None = None
    quiz: DemoQuiz | None = None
    assignment: DemoAssignment | None = None
    completion: str = CompletionRule.MARKED_DONE
    required: bool = True

    def __post_init__(self):
        given = [bool(self.page), bool(self.file), bool(self.quiz), bool(self.assignment)]
        if sum(given) != 1:
            raise ValueError(f"{self.title}: give one of a page, a file, a quiz or an assignment")
        if (self.hours * 2) != int(self.hours * 2):
            raise ValueError(f"{self.title}: nominal time in whole or half hours")
        expected = _GRADED_COMPLETION.get(self.kind)
        if expected and self.completion != expected:
            raise ValueError(f"{self.title}: a {self.kind} completes when {expected}")

    @property
    def kind(self) -> str:
        if self.quiz:
            return ActivityKind.QUIZ
        if self.assignment:
            return ActivityKind.ASSIGNMENT
        return ActivityKind.PAGE if self.page else ActivityKind.FILE

    @property
    def nominal_seconds(self) -> int:
        return round(self.hours * 3600)


@dataclass(frozen=True)
class DemoModule:
    title: str
    summary: str
    activities: tuple[DemoActivity, ...]

    @property
    def nominal_seconds(self) -> int:
        return sum(activity.nominal_seconds for activity in self.activities)


@dataclass(frozen=True)
class DemoCourse:
    code: str
    title: str
    description: str
    language: str
    required_seconds: int
    modules: tuple[DemoModule, ...]

    @property
    def nominal_seconds(self) -> int:
        return sum(module.nominal_seconds for module in self.modules)

    def activity_keys(self) -> list[tuple[int, int, bool]]:
        """(module position, activity position, required) in study order, from 1."""
        return [
            (module_position, activity_position, activity.required)
            for module_position, module in enumerate(self.modules, start=1)
            for activity_position, activity in enumerate(module.activities, start=1)
        ]


@dataclass(frozen=True)
class DemoRun:
    title: str
    starts_on: datetime.date
    ends_on: datetime.date


# --- Module 1 -----------------------------------------------------------------

M1_QUE_ES = """\
## El municipio, la puerta más cercana al Estado

Para la mayoría de las personas, el Estado tiene la cara de su alcaldía: allí se paga el impuesto predial, se pide un certificado de residencia, se tramita una licencia de construcción o se reporta un daño en el acueducto. Por eso el gobierno electrónico municipal no es un asunto de computadores, sino de cómo la alcaldía atiende, informa y rinde cuentas a su comunidad.

Llamamos **gobierno electrónico** (o gobierno digital) al uso de las tecnologías de la información y las comunicaciones para mejorar la gestión pública y la relación entre la administración y la ciudadanía. La Carta Iberoamericana de Gobierno Electrónico (2007) lo resume en un principio: las personas tienen derecho a relacionarse con la administración por medios electrónicos, y la administración tiene el deber de hacerlo posible.

### Cuatro propósitos, no uno

Un programa municipal de gobierno electrónico persigue al mismo tiempo:

1. **Transparencia**: que la información pública esté disponible sin que haya que pedirla.
2. **Eficiencia**: que los trámites cuesten menos tiempo y dinero, a la ciudadanía y a la alcaldía.
3. **Participación**: que los vecinos puedan opinar, proponer y vigilar.
4. **Confianza**: que los datos personales estén protegidos y los servicios funcionen cuando se necesitan.

### Lo que no es

- No es comprar equipos o contratar una página web y darse por cumplido.
- No es trasladar la fila de la ventanilla a una fila virtual: si el trámite exige diez documentos en papel, exigirlos escaneados no lo mejora.
- No es un proyecto de la oficina de sistemas: es una forma de trabajar de toda la administración, desde el despacho del alcalde hasta la inspección de policía.

### Un ejemplo cotidiano

En un municipio de 15 000 habitantes, pedir un certificado de estratificación exigía viajar a la cabecera, hacer fila y volver al día siguiente por el documento firmado. Cuando la alcaldía publicó el formulario en línea, firmó electrónicamente los certificados y empezó a enviarlos por correo, el trámite pasó de dos días a dos horas, y los funcionarios de ventanilla dejaron de dedicar la mañana a transcribir solicitudes. Nada de esto requirió un sistema costoso: requirió revisar el procedimiento, acordar quién firma y usar herramientas que la alcaldía ya tenía.

### Cómo está organizado este curso

Durante cien horas recorreremos los temas que una alcaldía necesita dominar: estrategia, transparencia, eficiencia, participación, interoperabilidad y datos abiertos, catastro, marco legal y las herramientas del programa. Al final, el equipo de cada municipio elaborará su propia estrategia de gobierno electrónico. Cada módulo indica sus horas; la plataforma registra su tiempo de estudio y le acredita las horas de cada actividad cuando la completa.

### Para reflexionar

- ¿Qué trámite de su alcaldía genera hoy más filas o más quejas?
- ¿Qué información pide la ciudadanía una y otra vez por teléfono o en ventanilla?
- Si mañana se cayera la conexión a internet de la alcaldía, ¿qué servicios se detendrían?
"""

M1_ETAPAS = """\
## Cómo crece el gobierno electrónico de un municipio

Los municipios no pasan de la ventanilla de papel a los servicios digitales en un solo salto. Los modelos de madurez, como el que usan las Naciones Unidas en su encuesta de gobierno electrónico o los que han adaptado varios países de la región, describen etapas que ayudan a saber dónde estamos y cuál es el siguiente paso razonable.

| Etapa | Qué ve la ciudadanía | Ejemplo municipal |
|---|---|---|
| 1. Presencia | Información básica y estática | Página con dirección, horarios y nombre del alcalde |
| 2. Información | Contenidos actualizados y documentos descargables | Plan de desarrollo, presupuesto y formularios |
| 3. Interacción | Comunicación en ambos sentidos | Peticiones, quejas y reclamos por formulario web, con número de radicado |
| 4. Transacción | Trámites completos en línea | Pago del impuesto predial con factura y recibo electrónicos |
| 5. Transformación | Servicios integrados alrededor de la persona | Abrir un negocio en un solo trámite: uso del suelo, industria y comercio, bomberos |

### Lecciones que dejan los municipios de la región

**Las etapas se superponen.** Una alcaldía puede tener el pago del predial en línea (etapa 4) y, al mismo tiempo, un portal con información de hace tres años (etapa 2 mal resuelta). La madurez se mide servicio por servicio, no para la alcaldía entera.

**Saltarse etapas cuesta caro.** Municipios que compraron plataformas transaccionales sin tener ordenada la información básica terminaron con sistemas que nadie usaba: los datos del catastro no coincidían con los de tesorería y los contribuyentes volvían a la ventanilla para "corregir" su factura.

**La transformación es organizacional.** En la etapa 5 el cambio principal no es tecnológico: las dependencias deben compartir datos y aceptar que el trámite se diseña desde la necesidad de la persona y no desde el organigrama. Varias ciudades latinoamericanas que crearon ventanillas únicas para abrir empresas lo lograron gracias a acuerdos entre secretarías, más que a un programa informático nuevo.

### Cómo usar el modelo en su alcaldía

1. Haga una lista de los diez trámites o servicios más solicitados.
2. Para cada uno, anote la etapa en que está hoy.
3. Marque cuáles podrían subir una etapa en los próximos doce meses con los recursos actuales.
4. Identifique qué impide el avance: ¿falta de información ordenada, de normas internas, de personal, de conectividad?

Este ejercicio será la base del diagnóstico que haremos en el módulo 2.

### Para reflexionar

- ¿En qué etapa está el trámite más solicitado de su municipio?
- ¿Conoce un servicio municipal que se haya digitalizado sin que mejorara para la ciudadanía? ¿Qué faltó?
"""

M1_EQUIPO = """\
## Nadie lo hace solo

La experiencia de los programas de gobierno electrónico en América Latina muestra un patrón: los proyectos que dependen de una sola persona —casi siempre el ingeniero de sistemas o el contratista de la página web— se detienen cuando esa persona se va. Por eso este programa trabaja con equipos de diez funcionarios por municipio, de distintas dependencias.

### Roles que conviene cubrir

| Rol | Quién suele asumirlo | Qué aporta |
|---|---|---|
| Coordinación | Secretaría de gobierno o de planeación | Conecta con el despacho del alcalde y prioriza |
| Tecnología | Profesional de sistemas | Infraestructura, seguridad, proveedores |
| Trámites | Atención al ciudadano | Conoce los procedimientos y las quejas reales |
| Información | Comunicaciones o archivo | Publicación, gestión documental, transparencia |
| Finanzas | Tesorería o hacienda | Pagos en línea, presupuesto, impuesto predial |
| Territorio | Planeación o catastro | Datos territoriales, indicadores, proyectos |
| Normas | Oficina jurídica | Actos administrativos, contratos, protección de datos |

Los demás miembros pueden venir de las secretarías con más contacto con la ciudadanía: salud, educación, desarrollo social, obras.

### Acuerdos de trabajo del equipo

- **Un espacio fijo**: una reunión corta cada semana o cada quince días, con acta de compromisos.
- **Un tablero visible**: una hoja de cálculo compartida con las tareas, su responsable y su fecha.
- **Tiempo protegido**: el curso exige cerca de diez horas al mes por persona; el alcalde o el secretario debe autorizar ese tiempo dentro del horario laboral.
- **Decisiones documentadas**: lo que el equipo decide queda por escrito y se comunica a las dependencias.

### El coordinador del equipo

En esta plataforma, el coordinador ve el avance de sus compañeros: horas acreditadas, actividades pendientes y quién lleva tiempo sin ingresar. Su papel no es vigilar, sino ayudar: reorganizar cargas de trabajo, conseguir un computador disponible en la biblioteca municipal cuando la conexión de la oficina falla, o pedir al tutor una sesión de refuerzo.

### Cuando alguien se va

La rotación de personal es alta en los municipios, sobre todo después de las elecciones. Si un miembro del equipo deja la alcaldía, el coordinador informa al programa y se inscribe a su reemplazo; el historial de quien salió se conserva, y el nuevo funcionario empieza su propio recorrido.

### Para reflexionar

- ¿Qué dependencias de su alcaldía deberían estar en el equipo y hoy no lo están?
- ¿Qué necesita el equipo del alcalde para funcionar: tiempo, un espacio, un acto administrativo que lo cree?
"""

M1_AUTODIAGNOSTICO = DemoFile(
    name="autodiagnostico-digital-municipal.txt",
    description="Lista de verificación para que el equipo reconozca el punto de partida digital de la alcaldía. Respóndanla juntos y guarden el resultado: la usarán en los módulos 2 y 10.",
    text="""\
AUTODIAGNÓSTICO DIGITAL DEL MUNICIPIO
Programa MuNet · Curso Gobierno Electrónico Municipal · Módulo 1

Cómo usarla: respondan en equipo. Marquen [x] solo lo que se cumple hoy, no lo
que está planeado. Al lado de cada punto anoten una evidencia: un enlace, un
documento o el nombre de la persona responsable.

1. CONECTIVIDAD E INFRAESTRUCTURA
[ ] La sede principal tiene internet suficiente para una videollamada estable.
[ ] Cada funcionario que atiende público tiene un computador en buen estado.
[ ] Hay copia de seguridad automática de la información (¿cada cuánto? ____).
[ ] Se probó restaurar una copia de seguridad en los últimos doce meses.
[ ] Existe un inventario de equipos, licencias y sistemas actualizado este año.

2. INFORMACIÓN Y TRANSPARENCIA
[ ] El sitio web publica el plan de desarrollo, el presupuesto y su ejecución.
[ ] Los procesos de contratación se publican en el SECOP.
[ ] Existe un esquema de publicación de información aprobado.
[ ] Cada sección del sitio tiene una persona responsable de actualizarla.
[ ] Se publica el informe de peticiones y solicitudes de información.

3. TRÁMITES Y SERVICIOS
[ ] Los trámites de la alcaldía están inscritos en el SUIT.
[ ] Al menos un trámite se puede iniciar en línea.
[ ] Al menos un impuesto o servicio se puede pagar en línea.
[ ] Las peticiones reciben número de radicado y tienen seguimiento.
[ ] Se mide el tiempo de respuesta de las peticiones.

4. PARTICIPACIÓN
[ ] La alcaldía responde los mensajes en redes sociales en menos de dos días hábiles.
[ ] Se hizo al menos una consulta ciudadana en línea en el último año.
[ ] La rendición de cuentas se transmite o se publica en línea.

5. DATOS Y TERRITORIO
[ ] Existe un inventario de activos de información.
[ ] La alcaldía ha publicado al menos un conjunto de datos abiertos.
[ ] Año de la última actualización catastral: ______
[ ] La política de tratamiento de datos personales está publicada.

6. PERSONAS Y ORGANIZACIÓN
[ ] Un acto administrativo asigna la responsabilidad del gobierno digital.
[ ] El tema se revisa en el comité de gestión y desempeño.
[ ] En el último año algún funcionario recibió formación en gobierno digital.

RESULTADO
Cuenten las casillas marcadas en cada sección. Las secciones con menos de la
mitad marcada son candidatas a prioridades de la estrategia (módulo 2).

Sección                          Marcadas / Total
1. Conectividad                  ____ / 5
2. Información y transparencia   ____ / 5
3. Trámites y servicios          ____ / 5
4. Participación                 ____ / 3
5. Datos y territorio            ____ / 4
6. Personas y organización       ____ / 3
""",
)

# --- Module 2 -----------------------------------------------------------------

M2_POR_QUE = """\
## El problema de los proyectos sueltos

Muchas alcaldías acumulan iniciativas digitales desconectadas: una aplicación móvil que financió un operador de telefonía, un sistema de nómina que compró la secretaría de hacienda, un portal que diseñó un contratista y que nadie sabe actualizar. Cada una tuvo sentido en su momento, pero juntas producen tres problemas conocidos:

- **Duplicación**: los mismos datos (nombres, direcciones, predios) se capturan varias veces y no coinciden.
- **Dependencia**: cada sistema depende de un proveedor distinto, con contratos que vencen en fechas diferentes.
- **Abandono**: cuando cambia la administración, los proyectos sin dueño institucional desaparecen.

Una estrategia de gobierno electrónico ordena estas decisiones alrededor de pocos objetivos, con responsables, plazos y recursos.

### Qué contiene una estrategia municipal

1. **Diagnóstico**: dónde estamos, con datos.
2. **Visión**: qué queremos que la ciudadanía pueda hacer dentro de cuatro años.
3. **Objetivos e indicadores**: qué vamos a lograr y cómo lo mediremos.
4. **Líneas de acción y proyectos**: qué haremos y en qué orden.
5. **Gobernanza**: quién decide, quién ejecuta, cómo se coordina.
6. **Recursos**: presupuesto, personal, alianzas.
7. **Seguimiento**: cada cuánto revisamos y a quién rendimos cuentas.

### Alinear con lo que ya existe

La estrategia no parte de cero. En Colombia, la Política de Gobierno Digital (Decreto 767 de 2022, que actualizó el capítulo correspondiente del Decreto 1078 de 2015) fija lineamientos para todas las entidades públicas, incluidas las alcaldías, y el plan de desarrollo municipal fija las prioridades del cuatrienio. Una buena estrategia cita ambos y muestra cómo contribuye a sus metas: así obtiene respaldo político y presupuesto. En otros países de la región existen marcos equivalentes —agendas digitales nacionales, leyes de gobierno electrónico o de transformación digital— que cumplen el mismo papel.

### Pequeña, realista y de la alcaldía

Una estrategia útil para un municipio de 20 000 habitantes cabe en quince páginas. Es preferible comprometerse con cinco proyectos bien ejecutados que con veinte que se quedan en el papel. Y debe ser de la alcaldía: escrita por su equipo, aprobada por el alcalde y, en lo posible, presentada al concejo municipal, de modo que sobreviva a los cambios de personal.

### Para reflexionar

- ¿Cuántos sistemas o aplicaciones usa hoy su alcaldía? ¿Quién es el responsable de cada uno?
- ¿Qué meta del plan de desarrollo de su municipio podría apoyarse en el gobierno electrónico?
"""

M2_DIAGNOSTICO = """\
## Medir antes de decidir

El diagnóstico responde a una pregunta: ¿qué tan bien atiende hoy la alcaldía a su ciudadanía por medios digitales, y qué lo impide? Un buen diagnóstico combina datos que ya existen con información que el equipo recoge en pocas semanas.

### Fuentes que ya existen

- **Mediciones nacionales**: en Colombia, el Formulario Único de Reporte de Avances de la Gestión (FURAG) mide cada año el avance de la Política de Gobierno Digital, y el Índice de Transparencia y Acceso a la Información (ITA) de la Procuraduría mide el cumplimiento de la Ley 1712 de 2014.
- **Registros de la alcaldía**: número de peticiones, quejas y reclamos por tema; tiempos de respuesta; trámites más solicitados; recaudo por canal (ventanilla, banco, en línea).
- **Inventarios**: equipos, licencias, sistemas de información y contratos de tecnología con su fecha de vencimiento.

### Información que conviene recoger

- **Una encuesta corta a la ciudadanía** (diez preguntas, en ventanilla y en redes): ¿qué trámite le gustaría hacer sin venir?, ¿tiene internet en casa?, ¿desde qué dispositivo se conecta?
- **Entrevistas a funcionarios de ventanilla**: conocen mejor que nadie las quejas repetidas.
- **El recorrido de un trámite**: cronometrar un trámite real de principio a fin, contando visitas, documentos y firmas.

### Ordenar los hallazgos

Una matriz sencilla ayuda a ver el conjunto:

| Dimensión | Fortalezas | Debilidades | Evidencia |
|---|---|---|---|
| Infraestructura | Fibra óptica en la sede principal | Corregimientos sin conexión | Informe del operador |
| Información | Portal con esquema de publicación | Contratación desactualizada en el sitio | Resultado del ITA |
| Trámites | Predial con pago electrónico | Licencias solo presenciales | Registro de radicación |
| Personas | Equipo motivado | Un solo ingeniero para toda la alcaldía | Planta de personal |

### La brecha digital del territorio

El diagnóstico no es solo de la alcaldía. En muchos municipios, buena parte de la población rural no tiene conexión en casa, y muchas personas mayores no usan el correo electrónico. Estos datos no frenan la estrategia, pero la orientan: canales asistidos en los puntos de atención, trámites por teléfono o por mensajería, acompañamiento en bibliotecas y centros de acceso comunitario.

### Errores frecuentes

- Convertir el diagnóstico en un inventario interminable que nadie lee.
- Basarlo solo en la opinión de la oficina de sistemas.
- Olvidar a la población rural y a las personas con discapacidad.

### Para reflexionar

- ¿Qué dato sobre su municipio le sorprendería conocer y hoy no tiene?
- ¿Quién en su alcaldía conoce mejor las quejas de la ciudadanía?
"""

M2_VISION = """\
## De la intención a la meta medible

Una visión dice hacia dónde vamos; los objetivos dicen qué cambiaremos; los indicadores permiten saber si lo logramos. Sin indicadores, al final del cuatrienio nadie podrá demostrar que la estrategia sirvió.

### La visión en una frase

Debe entenderla cualquier vecino. Compare:

- *"Implementar soluciones tecnológicas innovadoras para la modernización institucional."*
- *"En 2029, cualquier persona de nuestro municipio podrá pagar sus impuestos, pedir sus certificados y presentar una petición sin tener que venir a la alcaldía."*

La segunda dice qué cambia para la gente y cuándo.

### Objetivos SMART

Cada objetivo debe ser específico, medible, alcanzable, relevante y con plazo. Por ejemplo: "Reducir de 15 a 5 días hábiles el tiempo promedio de respuesta a las peticiones antes de diciembre de 2027".

### Tipos de indicadores

| Tipo | Qué mide | Ejemplo |
|---|---|---|
| Insumo | Los recursos dispuestos | Presupuesto ejecutado en gobierno digital |
| Producto | Lo que entrega la alcaldía | Número de trámites disponibles en línea |
| Uso | Lo que hace la ciudadanía | Porcentaje de pagos del predial hechos en línea |
| Resultado | El cambio logrado | Tiempo promedio de respuesta a peticiones |
| Percepción | Lo que opina la gente | Satisfacción con la atención, de 1 a 5 |

Los indicadores de producto son los más fáciles de reportar y los menos útiles: tener veinte trámites en línea no sirve si nadie los usa. Incluya siempre indicadores de uso y de resultado.

### Línea base y meta

Para cada indicador anote el valor actual (línea base), la meta, la fuente del dato y el responsable de medirlo. Si no hay línea base, la primera tarea es construirla: no invente cifras.

| Indicador | Línea base | Meta 2027 | Fuente | Responsable |
|---|---|---|---|---|
| Pagos del predial hechos en línea | 8 % | 30 % | Tesorería | Secretaría de Hacienda |
| Días hábiles para responder peticiones | 15 | 5 | Sistema de peticiones | Atención al ciudadano |

### Pocos y buenos

Entre ocho y doce indicadores bastan para una estrategia municipal. Más que eso se vuelve imposible de medir con el personal disponible, y un indicador que nadie mide es peor que no tenerlo: da una falsa sensación de control.

### Para reflexionar

- Escriba una visión de una sola frase para su municipio. ¿La entendería su vecino?
- ¿Qué indicador podría medir su dependencia desde el próximo mes, sin recursos adicionales?
"""

M2_HOJA_DE_RUTA = """\
## Ordenar en el tiempo

La hoja de ruta convierte los objetivos en proyectos con secuencia. Tres criterios ayudan a priorizar:

1. **Impacto**: ¿a cuántas personas beneficia y cuánto tiempo o dinero les ahorra?
2. **Viabilidad**: ¿lo podemos hacer con el personal, la conectividad y las normas actuales?
3. **Dependencias**: ¿necesita que otro proyecto se haga antes? No se puede ofrecer el pago en línea si la base de contribuyentes está desactualizada.

Una práctica útil es ubicar cada proyecto en una matriz de impacto y esfuerzo. Los de alto impacto y bajo esfuerzo —las "victorias tempranas"— van primero: generan confianza y apoyo para los proyectos más difíciles.

### Una hoja de ruta de cuatro años

| Año | Proyectos | Hito visible para la ciudadanía |
|---|---|---|
| 1 | Esquema de publicación, peticiones en línea, inventario de información | Portal al día y respuesta en línea a peticiones |
| 2 | Predial e industria y comercio en línea, certificados con firma electrónica | "Pague sin filas" |
| 3 | Datos abiertos, actualización catastral, presupuesto participativo digital | Primer presupuesto participativo en línea |
| 4 | Ventanilla única de trámites, interoperabilidad con entidades nacionales | Abrir un negocio en un solo trámite |

### El presupuesto

La estrategia debe quedar en el presupuesto municipal, con rubro propio. Fuentes habituales: recursos propios, el Sistema General de Participaciones, regalías, proyectos con el Ministerio TIC, cooperación internacional y alianzas con universidades. Costee no solo la compra o el desarrollo, sino también el mantenimiento, las licencias, la conectividad y la capacitación durante varios años: el costo de operar un sistema suele superar el de implantarlo.

### La gobernanza

Alguien debe decidir y responder. Recomendamos:

- Que el **comité institucional de gestión y desempeño** apruebe la estrategia y revise su avance cada trimestre.
- Un **líder de la estrategia** con acceso directo al alcalde.
- **Enlaces** en cada secretaría, responsables de los proyectos de su área.
- Un **informe semestral** público sobre el avance de los indicadores.

### Riesgos frecuentes

- **Cambio de gobierno**: una estrategia adoptada por decreto y presentada al concejo tiene más probabilidades de continuar.
- **Proveedor único**: prefiera formatos abiertos y contratos que aseguren la entrega de los datos y, cuando aplique, del código fuente.
- **Falta de conectividad**: prevea canales alternativos y trabajo sin conexión.

### Para reflexionar

- ¿Cuál sería la victoria temprana de su municipio en los próximos seis meses?
- ¿Qué rubro del presupuesto actual podría financiar el primer proyecto?
"""

# --- Module 3 -----------------------------------------------------------------

M3_DERECHO = """\
## Un derecho de todas las personas

El acceso a la información pública es un derecho humano protegido por el artículo 13 de la Convención Americana sobre Derechos Humanos. La Corte Interamericana lo afirmó en el caso Claude Reyes y otros contra Chile (2006): el Estado debe entregar la información que tiene en su poder, salvo las excepciones establecidas por ley, y quien la pide no necesita explicar por qué la quiere.

En 2010 la Asamblea General de la OEA aprobó la Ley Modelo Interamericana sobre Acceso a la Información Pública, actualizada en 2020. Ha servido de referencia a leyes nacionales en toda la región. Algunos ejemplos: en Colombia, la Ley 1712 de 2014; en México, la Ley General de Transparencia y Acceso a la Información Pública (2015); en Chile, la Ley 20.285 (2008); en Brasil, la Ley 12.527 (2011); en Uruguay, la Ley 18.381 (2008).

### Los principios que guían la ley colombiana

- **Máxima publicidad**: toda información en poder de la alcaldía es pública, salvo lo que la ley reserva expresamente.
- **Transparencia activa**: la alcaldía debe publicar información sin esperar a que se la pidan.
- **Gratuidad**: el acceso no tiene costo; solo puede cobrarse la reproducción, según su costo real.
- **Celeridad y facilitación**: los procedimientos deben ser ágiles y no poner obstáculos.
- **No discriminación**: se entrega la información a cualquier persona, sin exigir motivos.
- **Calidad de la información**: oportuna, objetiva, veraz, completa y accesible.

### Las excepciones

La ley permite negar información en casos precisos: cuando su divulgación daña derechos de las personas (por ejemplo, la intimidad, la vida o la seguridad de alguien) o intereses públicos (como la defensa nacional o la prevención de delitos). La negativa debe ser por escrito, motivada y citar la norma que la permite; si solo una parte del documento es reservada, se entrega el resto. "Es un documento interno" no es una excepción válida.

### ¿Por qué le importa al municipio?

- **Confianza**: la ciudadanía confía más en una alcaldía que muestra en qué gasta.
- **Menos carga**: cada dato publicado es una petición que no habrá que responder.
- **Control**: la publicación de la contratación y del presupuesto previene irregularidades y protege al funcionario honesto.
- **Cumplimiento**: la Procuraduría mide el cumplimiento con el Índice de Transparencia y Acceso a la Información (ITA), y el incumplimiento puede acarrear sanciones disciplinarias.

### Para reflexionar

- ¿Qué información de su dependencia piden más a menudo los ciudadanos? ¿Está publicada?
- ¿Recuerda una solicitud que se negó en su alcaldía? ¿Se citó una excepción legal?
"""

M3_ACTIVA = """\
## Publicar sin que lo pidan

La transparencia activa es la obligación de poner información a disposición de todos, de forma permanente y actualizada. En Colombia, los artículos 9 a 11 de la Ley 1712 de 2014 y la Resolución 1519 de 2020 del Ministerio TIC definen qué debe publicarse y cómo organizarlo en la sección "Transparencia y acceso a la información pública" del sitio web.

### Lo mínimo que una alcaldía debe tener publicado

| Categoría | Ejemplos |
|---|---|
| La entidad | Funciones, organigrama, directorio de funcionarios con cargo y correo, sedes y horarios |
| Normativa | Decretos, resoluciones y acuerdos del concejo, con buscador |
| Planeación | Plan de desarrollo, plan de acción anual, informes de gestión |
| Presupuesto | Presupuesto aprobado, ejecución presupuestal, estados financieros |
| Contratación | Plan anual de adquisiciones y enlace a los procesos en el SECOP |
| Trámites | Trámites con requisitos, costos, tiempos y formularios |
| Participación | Convocatorias, mecanismos de participación, informes de peticiones |
| Datos abiertos | Conjuntos de datos publicados y registro de activos de información |

### Cómo publicar bien

- **Formatos reutilizables**: una tabla de ejecución presupuestal en hoja de cálculo o CSV es útil; una foto escaneada del mismo documento no lo es.
- **Lenguaje claro**: acompañe los documentos técnicos con un resumen de un párrafo en palabras sencillas.
- **Fecha de actualización** visible en cada sección.
- **Accesibilidad**: textos alternativos en las imágenes, documentos legibles por lectores de pantalla y contraste suficiente, según las pautas WCAG.
- **Páginas livianas**: muchas personas consultan desde celulares con planes de datos limitados; evite publicar archivos de 30 MB.

### El esquema de publicación

Es el instrumento que dice qué información se publica, dónde, en qué formato, cada cuánto se actualiza y quién responde por ella. Sin responsables, la sección de transparencia envejece en pocos meses. Un buen esquema asigna cada ítem a una dependencia y fija una fecha de revisión. En la actividad 4 de este módulo encontrará una matriz para construirlo.

### Un caso ilustrativo

Una alcaldía del Tolima obtenía resultados bajos en el índice de transparencia porque su información estaba dispersa en documentos sin fecha. El equipo de gobierno digital elaboró el esquema de publicación, asignó a cada secretaría sus ítems y programó una revisión mensual de quince minutos en el comité. En un año, la sección de transparencia quedó completa y las peticiones sobre presupuesto y contratación disminuyeron de forma notable.

### Para reflexionar

- Abra la sección de transparencia del sitio de su alcaldía. ¿Qué ítem tiene la fecha de actualización más antigua?
- ¿Quién es responsable de actualizarlo?
"""

M3_PASIVA = """\
## La transparencia pasiva

Cuando alguien pide información que no está publicada, la alcaldía debe responder. En Colombia, las solicitudes de acceso a la información son una modalidad del derecho de petición, regulado por la Ley 1755 de 2015: en general, las peticiones se resuelven en 15 días hábiles, y las de documentos e información en 10 días hábiles. Otros países de la región fijan plazos parecidos.

### El recorrido de una solicitud

1. **Recepción**: por cualquier canal —ventanilla, correo, formulario web, teléfono—. La solicitud verbal también vale y debe registrarse.
2. **Radicación**: se asigna un número y se informa a la persona, para que pueda hacer seguimiento.
3. **Reparto**: se envía el mismo día a la dependencia que tiene la información.
4. **Búsqueda y revisión**: ¿existe la información? ¿Tiene partes reservadas?
5. **Respuesta**: clara, completa, en el formato pedido cuando sea posible y dentro del plazo.
6. **Cierre y registro**: se archiva la respuesta y se actualiza el registro de solicitudes.

### Qué no se debe hacer

- Exigir que la persona explique para qué quiere la información.
- Pedir requisitos que la ley no establece, como autenticar la firma o presentarse en persona.
- Responder "no es de nuestra competencia" sin trasladar la solicitud a la entidad competente y avisar a quien la hizo.
- Entregar información incompleta sin explicar por qué.
- Dejar vencer el plazo: el silencio vulnera el derecho fundamental de petición y abre la puerta a una acción de tutela.

### Modelo de respuesta

> Señora Marta Rincón: en respuesta a su solicitud radicada con el número 2026-00412, le enviamos en archivo adjunto la relación de los contratos de obra pública suscritos en 2025, con su objeto, valor y contratista. Esta información también está disponible en el SECOP y en la sección de transparencia de nuestro sitio web. Si tiene dudas, puede escribirnos a este mismo correo o llamar a la línea de atención.

### Organizar el trabajo

- Un **registro de solicitudes** con la fecha de recepción, la dependencia, la fecha límite y la fecha de respuesta.
- **Alertas** tres días antes del vencimiento.
- Un **informe periódico** de solicitudes: cuántas, sobre qué temas, cuántas respondidas a tiempo. La ley colombiana exige publicarlo.
- **Aprender de las preguntas**: si muchas personas piden lo mismo, publíquelo.

### Para reflexionar

- ¿Cuántos días tarda hoy su dependencia en responder una petición?
- ¿Qué solicitud repetida podría eliminarse publicando la información?
"""

M3_MATRIZ = DemoFile(
    name="matriz-transparencia-activa.csv",
    description="Plantilla en CSV (se abre con Excel o LibreOffice) para construir el esquema de publicación: qué se publica, con qué fundamento, quién responde y cada cuánto se actualiza. Complete las columnas de la derecha con la situación de su alcaldía.",
    text="""\
Categoría,Información a publicar,Fundamento,Dependencia responsable,Formato recomendado,Actualización,Última actualización,Enlace,Estado
La entidad,"Misión, funciones y deberes",Ley 1712 de 2014 art. 9,Secretaría General,Página web,Cuando cambie,,,
La entidad,Organigrama,Ley 1712 de 2014 art. 9,Secretaría General,Página web con texto alternativo,Cuando cambie,,,
La entidad,"Directorio de funcionarios (cargo, correo, teléfono)",Ley 1712 de 2014 art. 9,Talento Humano,CSV y página web,Mensual,,,
La entidad,"Sedes, horarios y canales de atención",Ley 1712 de 2014 art. 9,Atención al Ciudadano,Página web,Cuando cambie,,,
Normativa,"Decretos y resoluciones, con buscador",Resolución 1519 de 2020 MinTIC,Oficina Jurídica,PDF con texto seleccionable,Cada vez que se expidan,,,
Normativa,Acuerdos del concejo municipal,Resolución 1519 de 2020 MinTIC,Secretaría General,PDF con texto seleccionable,Cada vez que se sancionen,,,
Planeación,Plan de desarrollo municipal,Ley 152 de 1994,Planeación,PDF con texto seleccionable,Cada cuatrienio,,,
Planeación,Plan de acción anual y su seguimiento,Ley 1474 de 2011 art. 74,Planeación,Hoja de cálculo,Trimestral,,,
Planeación,Informes de gestión y de rendición de cuentas,Ley 1757 de 2015,Planeación,PDF con texto seleccionable,Anual,,,
Presupuesto,Presupuesto aprobado,Ley 1712 de 2014 art. 9,Hacienda,Hoja de cálculo,Anual,,,
Presupuesto,Ejecución presupuestal,Ley 1712 de 2014 art. 9,Hacienda,CSV,Mensual,,,
Presupuesto,Estados financieros,Resolución 1519 de 2020 MinTIC,Contabilidad,PDF con texto seleccionable,Según el calendario contable,,,
Contratación,Plan anual de adquisiciones,Ley 1474 de 2011 art. 74,Secretaría General,Hoja de cálculo,Anual y con cada ajuste,,,
Contratación,Enlace a los procesos de contratación en el SECOP,Ley 1712 de 2014 art. 10,Secretaría General,Enlace,Permanente,,,
Trámites,"Trámites con requisitos, costos, tiempos y formularios",Ley 1712 de 2014 art. 11,Atención al Ciudadano,Página web,Cuando cambien,,,
Participación,Mecanismos y convocatorias de participación,Ley 1757 de 2015,Secretaría de Gobierno,Página web,Con cada convocatoria,,,
Participación,Informe de peticiones y solicitudes de acceso a información,Decreto 103 de 2015 art. 52,Atención al Ciudadano,PDF y CSV,Periódica,,,
Datos abiertos,Registro de activos de información,Ley 1712 de 2014 art. 13,Secretaría General,CSV,Anual,,,
Datos abiertos,Índice de información clasificada y reservada,Ley 1712 de 2014 art. 20,Oficina Jurídica,CSV,Anual,,,
Datos abiertos,Esquema de publicación de información,Ley 1712 de 2014 art. 12,Secretaría General,CSV,Anual,,,
Datos abiertos,Conjuntos de datos abiertos,Decreto 1078 de 2015,Planeación,Enlace al portal de datos abiertos,Según cada conjunto,,,
""",
)

M3_RENDICION = """\
## Rendir cuentas también es informar

La rendición de cuentas es el proceso por el cual la alcaldía informa, explica y dialoga sobre sus decisiones y resultados, y la ciudadanía evalúa y propone. En Colombia la regula la Ley 1757 de 2015, que la concibe como un proceso permanente y no como un evento anual. Los medios digitales permiten que ese proceso sea continuo y llegue a más personas.

### Tres elementos

1. **Información**: datos comprensibles sobre metas, presupuesto y resultados.
2. **Diálogo**: espacios para que la ciudadanía pregunte y la alcaldía responda.
3. **Responsabilidad**: compromisos de mejora y seguimiento de lo prometido.

### Lo digital en cada etapa

| Etapa | Herramienta digital | Cuidado |
|---|---|---|
| Antes | Encuesta en línea sobre los temas que la gente quiere oír | Complementarla con urnas en las veredas |
| Durante | Transmisión en vivo y preguntas por chat moderado | Responder también las preguntas incómodas |
| Después | Publicación del informe, las preguntas y sus respuestas | Fijar la fecha del próximo informe de avance |

### Buenas prácticas

- **Informe en lenguaje claro**: un resumen de dos páginas con las cifras clave y gráficos sencillos, además del informe completo.
- **Datos verificables**: cada cifra enlazada a su fuente (ejecución presupuestal, contratos en el SECOP).
- **Preguntas registradas**: todas las preguntas recibidas, con su respuesta, quedan publicadas.
- **Grabación disponible**: la transmisión queda en el sitio web, junto con el acta.
- **Lo que no salió bien**: reconocer las metas incumplidas aumenta la credibilidad.

### La rendición de cuentas en los municipios pequeños

En municipios con poca conectividad, la emisora comunitaria sigue siendo el canal de mayor alcance. Varias alcaldías combinan la transmisión radial con mensajes de audio por aplicaciones de mensajería y con urnas para preguntas escritas en los corregimientos. Lo digital no reemplaza lo presencial: lo amplía.

Un buen indicador de una rendición de cuentas útil no es el número de asistentes, sino el número de compromisos verificables que quedan registrados y cumplidos al año siguiente.

### Para reflexionar

- ¿Cómo fue la última audiencia de rendición de cuentas de su municipio? ¿Cuántas personas participaron y por qué canales?
- ¿Qué pregunta de la ciudadanía quedó sin respuesta?
"""

# --- Module 4 -----------------------------------------------------------------

M4_SIMPLIFICAR = """\
## Digitalizar un mal trámite lo empeora

Si un trámite exige seis documentos que la propia alcaldía ya tiene, pasarlo a internet sin cambiarlo solo produce seis archivos escaneados. La primera pregunta no es "¿cómo lo ponemos en línea?", sino "¿por qué existe cada paso?".

### La racionalización de trámites

Colombia tiene una larga tradición normativa en este campo: el Decreto Ley 019 de 2012, conocido como ley antitrámites, prohibió exigir documentos que reposan en la entidad, y la Ley 2052 de 2020 ordenó a las entidades digitalizar sus trámites y no pedir a la ciudadanía información que pueda obtenerse de otras entidades públicas. Los trámites deben estar inscritos en el Sistema Único de Información de Trámites (SUIT), que administra la Función Pública.

### Preguntas para cada paso

1. ¿Qué norma lo exige? Si ninguna, se puede eliminar.
2. ¿La información ya está en la alcaldía o en otra entidad pública? Entonces se consulta, no se pide.
3. ¿Se puede reemplazar un documento por una declaración de la persona?
4. ¿Cuántas firmas se necesitan de verdad?
5. ¿Se pueden hacer pasos en paralelo en vez de uno tras otro?

### Ejemplo: el certificado de residencia

| Antes | Después |
|---|---|
| Fotocopia de la cédula | Verificación del número de documento en línea |
| Certificado de la junta de acción comunal | Declaración del solicitante, verificable por muestreo |
| Recibo de un servicio público | Consulta a la base del acueducto municipal |
| Firma del secretario de gobierno | Firma electrónica del funcionario delegado |
| Entrega en 5 días hábiles | Entrega en 1 día hábil, por correo |

### Herramientas sencillas

- **Mapa del proceso**: dibujar cada paso en notas adhesivas, con quién lo hace y cuánto tarda. Los cuellos de botella saltan a la vista.
- **Cliente oculto**: un funcionario de otra dependencia hace el trámite como ciudadano y anota cada obstáculo.
- **Hoja de costos**: calcular cuánto le cuesta el trámite a la persona (transporte, copias, horas de trabajo perdidas) y a la alcaldía (horas de funcionario).

### Prioridad a lo que más se usa

Unos pocos trámites suelen concentrar la mayoría de las solicitudes. En muchos municipios encabezan la lista el impuesto predial, los certificados, el impuesto de industria y comercio, las licencias urbanísticas y las peticiones. Empiece por ahí: cada día ahorrado en esos trámites se multiplica por miles de personas.

### Para reflexionar

- Elija un trámite de su dependencia. ¿Qué documento pide que la alcaldía ya tiene?
- ¿Cuántas veces tiene que venir una persona para completarlo?
"""

M4_EN_LINEA = """\
## Niveles de un trámite en línea

Un trámite puede estar más o menos digitalizado:

| Nivel | Qué puede hacer la persona | Ejemplo |
|---|---|---|
| Informativo | Consultar requisitos y descargar el formulario | Requisitos de la licencia de construcción |
| Parcial | Iniciar la solicitud en línea y terminarla en ventanilla | Radicar la solicitud con documentos adjuntos |
| Total | Hacerlo todo sin ir a la alcaldía, incluidos el pago y la entrega | Paz y salvo del predial con firma electrónica |

La meta es llegar a trámites totalmente en línea en los servicios más solicitados, sin cerrar los canales presenciales.

### Componentes de un trámite en línea

- **Formulario** claro y corto, que funcione en el celular y guarde el avance.
- **Identificación** de la persona, con un nivel de seguridad proporcional al riesgo: para consultar un requisito no hace falta; para cambiar el titular de un predio, sí.
- **Pago electrónico**, por ejemplo por botón de pago bancario o en corresponsales, con conciliación automática en tesorería.
- **Seguimiento**: número de radicado y estado visible ("recibido", "en revisión", "aprobado").
- **Entrega digital**: el documento con firma electrónica y un código de verificación.
- **Notificaciones** por correo o mensaje de texto.

### Diseñar con la ciudadanía

Pruebe el formulario con cinco personas reales antes de publicarlo: una adulta mayor, un comerciante, una persona de la zona rural, alguien que usa lector de pantalla y un joven. Observe sin ayudar. Cada vez que alguien se detiene, hay algo por corregir.

### No dejar a nadie atrás

El canal digital debe sumar, no excluir. Las alcaldías que más avanzan mantienen un **canal asistido**: un funcionario en la ventanilla hace el trámite en línea junto con la persona. Así, quien no tiene internet obtiene la misma rapidez, y la alcaldía trabaja con un solo procedimiento.

### Un caso ilustrativo

Un municipio de Santander ofrecía el pago del impuesto predial solo en dos bancos de la cabecera. Al habilitar la factura en línea con pago electrónico y enviar recordatorios por mensaje de texto, el recaudo del primer trimestre creció y las filas de enero se redujeron a la mitad. La clave no fue el programa informático, sino depurar antes la base de contribuyentes: direcciones, correos y teléfonos.

### Para reflexionar

- ¿Qué trámite de su alcaldía podría pasar del nivel informativo al parcial en tres meses?
- ¿Quién atendería el canal asistido en su municipio?
"""

M4_DOCUMENTAL = """\
## Menos papel, mejor memoria

La alcaldía produce y recibe miles de documentos cada año: peticiones, contratos, resoluciones, licencias. Gestionarlos bien es condición para todo lo demás: sin documentos organizados no hay transparencia, ni respuestas a tiempo, ni trámites en línea.

### Conceptos básicos

- **Documento electrónico de archivo**: el que nace digital o se digitaliza y debe conservarse con valor probatorio. En Colombia, la Ley 527 de 1999 reconoce a los mensajes de datos el mismo valor que al papel, si se garantizan su integridad y su autenticidad.
- **Expediente electrónico**: el conjunto de documentos de un mismo asunto (por ejemplo, una licencia de construcción), con un índice que asegura su orden e integridad.
- **Tablas de retención documental (TRD)**: definen qué series documentales produce cada dependencia, cuánto tiempo se conservan y qué se hace al final (conservar, eliminar o seleccionar). El Archivo General de la Nación orienta su elaboración.
- **Metadatos**: datos sobre el documento (fecha, autor, serie, asunto) que permiten encontrarlo.

### De la ventanilla de radicación al expediente

1. El documento llega por cualquier canal y se radica con un número único.
2. Si llega en papel, se digitaliza con una calidad definida y se asocia al expediente.
3. Se clasifica según la TRD y se asigna a su responsable.
4. Las respuestas se producen electrónicamente y se firman.
5. El expediente se cierra y se conserva durante el tiempo definido.

### Errores comunes

- **Escanear sin clasificar**: miles de PDF con nombres como "scan0001.pdf" no son un archivo, son un problema.
- **Carpetas personales**: los documentos oficiales guardados en el correo o en el computador de un funcionario desaparecen cuando se va.
- **Digitalizar todo el archivo histórico** antes de ordenar la producción diaria: es mejor empezar por lo que se produce hoy.
- **Formatos cerrados**: para conservar a largo plazo, prefiera PDF/A.

### Primeros pasos realistas

- Un **sistema de radicación único** para toda la alcaldía, aunque sea sencillo.
- Reglas para **nombrar los archivos** y una estructura de carpetas compartida, según la TRD.
- **Copias de seguridad** automáticas y probadas: una copia que nunca se ha restaurado no es una copia.
- Capacitar a las secretarías en el uso del sistema, empezando por atención al ciudadano.

### Para reflexionar

- Si hoy le pidieran todos los documentos de un contrato de 2023, ¿cuánto tardaría en reunirlos?
- ¿Dónde guarda su dependencia los documentos que recibe por correo electrónico?
"""

M4_MEDIR = """\
## Lo que no se mide no mejora

Una alcaldía que simplifica sus trámites necesita mostrar el resultado: a la ciudadanía, al concejo y a sí misma. Tres medidas bastan para empezar: tiempo, costo y satisfacción.

### Tiempo

- **Tiempo de respuesta**: días hábiles entre la radicación y la entrega. Mida el promedio y también el peor caso: un promedio de 4 días puede esconder solicitudes de 40.
- **Tiempo de espera en ventanilla**: basta una muestra de una semana, con la hora de llegada y la de atención.
- **Visitas necesarias**: cuántas veces debe presentarse la persona.

### Costo

El costo para la ciudadanía incluye transporte, copias, pagos a terceros y horas de trabajo perdidas. Para una persona de la zona rural, un trámite que exige dos viajes a la cabecera puede costar un día de jornal. El costo para la alcaldía son las horas de funcionario que consume cada trámite.

Un cálculo sencillo, para un certificado que se pide 1800 veces al año:

| Concepto | Antes | Después |
|---|---|---|
| Viajes a la alcaldía | 2 | 0 |
| Transporte por solicitud | $24 000 | $0 |
| Horas de la persona | 6 | 0,5 |
| Horas de funcionario | 1,5 | 0,4 |

Al multiplicar por el número de solicitudes aparece el ahorro total: en este ejemplo, más de 43 millones de pesos al año en transporte para la comunidad, y casi 2000 horas de funcionario disponibles para otras tareas.

### Satisfacción

Una encuesta de una a tres preguntas al terminar el trámite, en línea o en ventanilla:

1. ¿Qué tan satisfecho está con la atención? (de 1 a 5)
2. ¿Logró lo que necesitaba?
3. ¿Qué deberíamos mejorar?

La tercera pregunta suele ser la más útil.

### El tablero de seguimiento

Reúna los indicadores en una hoja de cálculo o en un tablero sencillo, actualizado cada mes y revisado en el comité. Publíquelo: mostrar que los tiempos bajan genera confianza y compromete a mantener la mejora.

### Para reflexionar

- ¿Cuál es hoy el tiempo de respuesta más largo de su dependencia? ¿Por qué?
- ¿Cuánto le cuesta a una persona de la vereda más lejana hacer el trámite que más se pide?
"""

# --- Module 5 -----------------------------------------------------------------

M5_NIVELES = """\
## Más que un botón de "me gusta"

La participación ciudadana es el derecho de las personas a intervenir en las decisiones públicas que las afectan. En Colombia, la Ley 1757 de 2015 la regula y obliga a las alcaldías a promoverla; muchas constituciones y leyes de la región reconocen derechos similares. Los medios digitales no crean la participación, pero reducen su costo: se puede opinar sin desplazarse y a cualquier hora.

### La escalera de la participación

| Nivel | La alcaldía… | Herramienta digital típica | Ejemplo |
|---|---|---|---|
| Informar | cuenta lo que hace | Portal, redes sociales, boletines | Publicar el cronograma de obras |
| Consultar | pide opinión antes de decidir | Encuestas, comentarios a borradores | Comentarios al proyecto de acuerdo de tránsito |
| Colaborar | construye soluciones con la gente | Plataformas de propuestas, talleres | Diseñar juntos una ciclovía |
| Decidir | deja la decisión en manos de la ciudadanía | Votación en línea | Elegir qué proyectos financiar |

Cada nivel es legítimo si se dice con claridad cuál es. El error más dañino es consultar sin intención de escuchar: la gente percibe la simulación y deja de participar.

### Reglas para una buena consulta

1. **Una pregunta clara** sobre una decisión real que aún no está tomada.
2. **Información suficiente** para opinar: el borrador, el costo, las alternativas.
3. **Un plazo razonable**: al menos dos semanas, más si hay zonas rurales.
4. **Canales mixtos**: en línea y presencial, para llegar a quienes no están conectados.
5. **Devolución**: publicar qué se recibió, qué se tomó en cuenta y por qué se descartó lo demás.

### Experiencias de la región

El presupuesto participativo nació en Porto Alegre (Brasil) en 1989 y se extendió a cientos de ciudades de América Latina. Con el tiempo, varias ciudades de la región abrieron a la ciudadanía la presentación de propuestas o la votación por internet, sin abandonar las asambleas presenciales. En municipios pequeños la escala es distinta, pero la lógica es la misma: preguntar de verdad y rendir cuentas de lo que se hizo con las respuestas.

### Para reflexionar

- ¿En qué nivel de la escalera está la participación que hoy ofrece su alcaldía?
- ¿Qué decisión de los próximos meses podría consultarse con la ciudadanía?
"""

M5_PRESUPUESTO = """\
## Decidir juntos en qué se invierte

En el presupuesto participativo, la alcaldía destina una parte de la inversión a proyectos que propone y elige la comunidad. La versión digital agrega canales en línea a las asambleas barriales y veredales, sin reemplazarlas.

### Las fases de un ciclo

| Fase | Qué ocurre | Duración orientativa |
|---|---|---|
| 1. Reglas | La alcaldía define el monto, los temas, quién puede votar y cómo | 2 semanas |
| 2. Propuestas | Vecinos y organizaciones presentan ideas en línea y en asambleas | 4 semanas |
| 3. Viabilidad | Las secretarías revisan costos y viabilidad, y publican el resultado | 4 semanas |
| 4. Votación | La ciudadanía elige en línea o en puntos de votación presencial | 1 a 2 semanas |
| 5. Ejecución | Los proyectos elegidos entran al presupuesto y se ejecutan con seguimiento público | El año siguiente |

### Decisiones de diseño

- **Monto**: mejor un monto modesto que se cumple que uno grande que no se ejecuta. Muchas ciudades empiezan con una fracción pequeña de la inversión y la aumentan cuando el proceso gana confianza.
- **Territorio**: repartir el monto entre comunas o corregimientos garantiza que las zonas rurales no queden siempre en minoría.
- **Identificación de votantes**: en la mayoría de los casos basta el número de documento y la verificación de residencia, con un voto por persona y control de duplicados.
- **Participación juvenil**: varias ciudades permiten votar a adolescentes, lo que acerca a los jóvenes a la vida pública.

### Cuidados con la votación en línea

- Publicar las reglas antes de empezar y no cambiarlas durante el proceso.
- Proteger los datos personales de los votantes y usarlos solo para este fin.
- Ofrecer **puntos de votación asistida** en bibliotecas, colegios y salones comunales.
- Publicar los resultados con el número de votos por proyecto y por zona.

### Después de votar

La confianza se gana en la ejecución. Un tablero público con el estado de cada proyecto elegido —contratado, en obra, terminado— y fotos del avance muestra que participar vale la pena. Si un proyecto no puede ejecutarse, explíquelo públicamente y proponga una alternativa con la comunidad.

### Para reflexionar

- ¿Qué parte del presupuesto de inversión de su municipio podría someterse a presupuesto participativo?
- ¿Cómo garantizaría que las veredas más alejadas también voten?
"""

M5_CANALES = """\
## Los canales por donde habla la ciudadanía

La ciudadanía ya se comunica con la alcaldía por medios digitales, lo haya planeado la alcaldía o no: mensajes en redes sociales, correos a funcionarios, audios por aplicaciones de mensajería. El reto es ordenar esos canales para que ninguna solicitud se pierda.

### Un solo sistema para las peticiones

Las peticiones, quejas, reclamos, sugerencias y denuncias (PQRSD) deben entrar a un único sistema, sin importar el canal:

- **Formulario web** con radicado automático y seguimiento.
- **Correo institucional** de atención, nunca correos personales.
- **Ventanilla** y **teléfono**, registrados en el mismo sistema.
- **Redes sociales**: cuando un mensaje es una petición, el funcionario la radica y le informa el número a la persona.

### Redes sociales institucionales

Son útiles para informar y escuchar, con algunas reglas:

| Hacer | Evitar |
|---|---|
| Responder en menos de dos días hábiles | Dejar preguntas sin respuesta durante semanas |
| Publicar información verificada y con fecha | Compartir rumores o contenido no confirmado |
| Usar un lenguaje claro y respetuoso | Responder con ironía o entrar en discusiones políticas |
| Publicar una política de uso | Borrar comentarios críticos que no violan esa política |
| Activar la verificación en dos pasos | Manejar la cuenta desde el teléfono personal de un contratista |

Las cuentas oficiales pertenecen a la alcaldía, no al alcalde de turno ni al contratista de comunicaciones: las contraseñas deben estar bajo custodia institucional y cambiarse cuando alguien se va.

### Mensajería instantánea

Muchas alcaldías atienden por aplicaciones de mensajería, que la población usa a diario. Funciona bien para informar (horarios, recordatorios de pago) y para orientar. Si llegan solicitudes formales por ese canal, deben radicarse en el sistema. Nunca pida ni envíe por mensajería datos sensibles, como historias clínicas o documentos de identidad completos.

### Escuchar para mejorar

Analice cada mes las PQRSD: ¿de qué se queja más la gente?, ¿en qué barrio o vereda? Las quejas repetidas señalan qué trámite simplificar, qué información publicar o qué servicio reforzar.

### Para reflexionar

- ¿Cuántos canales de contacto tiene su alcaldía? ¿Todos llegan al mismo sistema?
- ¿Quién tiene hoy las contraseñas de las redes sociales oficiales?
"""

M5_INCLUSION = """\
## La brecha digital en el municipio

El gobierno electrónico puede ampliar las desigualdades si solo llega a quienes ya están conectados. En muchos municipios de la región, el acceso a internet en los hogares rurales es mucho menor que en la cabecera, y una parte importante de las personas mayores no usa internet. Además, la brecha no es solo de acceso: también es de habilidades, de dispositivos adecuados y de confianza.

### Quiénes suelen quedar por fuera

- Habitantes de veredas y corregimientos sin cobertura.
- Personas mayores.
- Personas con discapacidad visual, auditiva, motriz o cognitiva.
- Comunidades indígenas y afrodescendientes, a veces con lenguas propias.
- Personas con baja escolaridad o en situación de pobreza.
- Mujeres rurales, que con frecuencia tienen menos acceso a dispositivos propios.

### Estrategias que funcionan

1. **Canales asistidos**: puntos de atención donde un funcionario o un gestor comunitario hace el trámite en línea junto con la persona.
2. **Alianzas** con la red de bibliotecas, los colegios y los centros de acceso comunitario para ofrecer conexión y acompañamiento.
3. **Diseño accesible**: sitios que cumplan las pautas de accesibilidad (WCAG), textos en lenguaje claro, videos con subtítulos.
4. **Páginas livianas**: que carguen con conexiones lentas y en celulares sencillos.
5. **Formación ciudadana**: talleres cortos sobre cómo pagar un impuesto en línea o radicar una petición, dictados por los propios funcionarios.
6. **Canales tradicionales vigentes**: la ventanilla y el teléfono siguen abiertos.

### Accesibilidad: pautas mínimas

| Pauta | Ejemplo práctico |
|---|---|
| Texto alternativo en imágenes | Describir el contenido de una infografía del presupuesto |
| Contraste suficiente | Texto oscuro sobre fondo claro |
| Navegación con teclado | Poder llenar el formulario sin ratón |
| Documentos accesibles | PDF con texto seleccionable, no imágenes escaneadas |
| Lenguaje claro | Frases cortas y ninguna sigla sin explicar |

### Medir la inclusión

Desagregue los indicadores: ¿cuántos trámites en línea vienen de la zona rural?, ¿cuántas mujeres participan en las consultas?, ¿qué edad tienen quienes usan el canal digital? Los datos desagregados, mostrados siempre en conjunto y nunca persona por persona, revelan quién no está llegando y permiten corregir a tiempo.

### Para reflexionar

- ¿Dónde podría funcionar un punto de atención asistida en su municipio?
- ¿Su sitio web puede usarse con un lector de pantalla? ¿Lo ha probado?
"""

# --- Module 6 -----------------------------------------------------------------

M6_INTEROPERABILIDAD = """\
## Que la información viaje, no la persona

Cuando una persona debe llevar un certificado de una oficina a otra, es ella quien hace el trabajo de interoperabilidad. La interoperabilidad es la capacidad de las organizaciones y de sus sistemas de intercambiar información y usarla, de modo que la ciudadanía no tenga que servir de mensajera.

### Los cuatro dominios

| Dominio | Pregunta | Ejemplo municipal |
|---|---|---|
| Legal | ¿Tenemos autorización para compartir estos datos? | Convenio entre la alcaldía y la empresa de servicios públicos |
| Organizacional | ¿Quién entrega, quién recibe, con qué compromiso? | Acuerdo de servicio entre catastro y tesorería |
| Semántico | ¿Entendemos lo mismo por cada dato? | "Predio" y "número predial" definidos igual en ambos sistemas |
| Técnico | ¿Cómo se conectan los sistemas? | Un servicio web seguro que consulta el estado de un predio |

La mayoría de los fracasos no son técnicos: ocurren porque nadie firmó el acuerdo, o porque cada dependencia escribe las direcciones a su manera.

### El marco colombiano

El Ministerio TIC publica el Marco de Interoperabilidad para el Gobierno Digital, y el Decreto 620 de 2020 reglamentó los Servicios Ciudadanos Digitales: autenticación digital, carpeta ciudadana digital e interoperabilidad, esta última apoyada en la tecnología X-Road, la misma que usa Estonia. Otros países de la región tienen plataformas similares, como la Plataforma de Interoperabilidad del Estado en Perú o la de Uruguay.

### Empezar por casa

Antes de conectarse con entidades nacionales, la alcaldía puede lograr mucho dentro de sus propios muros:

1. **Un registro único de personas y de predios** que usen todas las dependencias.
2. **Identificadores comunes**: el número de documento para las personas, el número predial nacional para los predios, el código DANE para el municipio.
3. **Tablas de referencia compartidas**: barrios, veredas, tipos de trámite.
4. **Consultas en lugar de copias**: un sistema pregunta al otro en vez de mantener una copia desactualizada.

### Ejemplo: el paz y salvo del predial

Para vender un inmueble se exige estar al día con el impuesto predial. Si la notaría pudiera consultar en línea el estado del predio en la alcaldía, la persona no tendría que pedir ni llevar el paz y salvo. Sin interoperabilidad, ese mismo certificado cuesta un viaje y un día de espera.

### Para reflexionar

- ¿Qué certificado expide su alcaldía que otra entidad podría consultar directamente?
- ¿Cuántas bases de datos de personas o de predios existen en su alcaldía? ¿Coinciden?
"""

M6_DATOS_ABIERTOS = """\
## Datos públicos para que otros los usen

Los datos abiertos son datos públicos que cualquiera puede consultar, usar, reutilizar y redistribuir sin restricciones, en formatos que un computador puede leer. No son lo mismo que la transparencia: un informe en PDF es transparente, pero la tabla con la que se hizo, publicada en CSV, es un dato abierto que permite nuevos análisis.

### Los principios de la Carta Internacional de Datos Abiertos

La Carta Internacional de Datos Abiertos (2015), adoptada por varios gobiernos de la región, propone seis principios: datos **abiertos por defecto**; **oportunos y exhaustivos**; **accesibles y utilizables**; **comparables e interoperables**; para **mejorar la gobernanza y la participación ciudadana**; y para el **desarrollo incluyente y la innovación**.

### ¿Qué puede publicar una alcaldía?

| Conjunto de datos | Quién lo usa |
|---|---|
| Ejecución presupuestal mensual | Periodistas, veedurías, concejales |
| Contratos suscritos | Veedurías, proveedores |
| Establecimientos de comercio registrados | Emprendedores, cámara de comercio |
| Sedes y horarios de atención | Cualquier persona, aplicaciones de mapas |
| Peticiones por tema y barrio | Concejo, universidades |
| Puntos y horarios de recolección de residuos | Vecinos |

### Cómo publicar

1. **Elija conjuntos de alto valor**: lo que más se pide o lo que sirve para tomar decisiones.
2. **Revise los datos personales**: un conjunto abierto nunca debe permitir identificar a las personas (nombres, documentos, direcciones exactas de viviendas).
3. **Use un formato abierto**: CSV en UTF-8, una fila por registro y encabezados claros. Evite celdas combinadas y totales dentro de la tabla.
4. **Agregue metadatos**: título, descripción, dependencia responsable, fecha de actualización, frecuencia y licencia.
5. **Elija una licencia abierta** que permita reutilizar los datos citando la fuente.
6. **Publique** en el portal nacional de datos abiertos (en Colombia, datos.gov.co) y enlace el conjunto desde el sitio de la alcaldía.
7. **Actualice** con la frecuencia prometida: un conjunto abandonado resta confianza.

### Del dato al uso

Publicar no basta: hay que promover el uso. Algunas alcaldías organizan con colegios y universidades concursos de visualización de datos, o trabajan con la prensa local para explicar el presupuesto. Cuando alguien usa los datos y encuentra un error, la alcaldía gana: puede corregirlo.

### Para reflexionar

- ¿Qué tabla de su dependencia podría publicarse el próximo mes sin exponer datos personales?
- ¿Quién en su municipio podría usarla, y para qué?
"""

M6_CALIDAD = """\
## Datos que merecen confianza

Un dato de mala calidad produce malas decisiones y, si se publica, pérdida de credibilidad. La calidad no se consigue con una limpieza anual: se construye en el momento en que el dato se captura.

### Dimensiones de la calidad

| Dimensión | Pregunta | Ejemplo de problema |
|---|---|---|
| Exactitud | ¿Refleja la realidad? | Área del predio registrada con un cero de más |
| Completitud | ¿Están todos los registros y campos? | Un tercio de los contribuyentes sin dirección |
| Consistencia | ¿Coincide entre sistemas? | El nombre del barrio escrito de cuatro maneras |
| Oportunidad | ¿Está actualizado? | Directorio con funcionarios de la administración anterior |
| Unicidad | ¿Hay duplicados? | El mismo contribuyente registrado dos veces |
| Validez | ¿Cumple el formato esperado? | Fechas escritas como texto libre |

### Prevenir en la captura

- Listas desplegables en lugar de texto libre para barrios, veredas y tipos de trámite.
- Validación de formatos: números de documento, correos, fechas.
- Campos obligatorios solo cuando de verdad se necesitan: un campo obligatorio inútil se llena con basura.
- Un responsable por cada conjunto de datos, con autoridad para corregirlo.

### El inventario de activos de información

Antes de mejorar los datos hay que saber cuáles existen. El inventario de activos de información es una lista de la información que tiene la alcaldía: qué es, quién la produce, dónde se guarda, si contiene datos personales, si es pública, clasificada o reservada, y con qué frecuencia se actualiza. En Colombia, la Ley 1712 de 2014 exige publicar el registro de activos de información y el índice de información clasificada y reservada.

El inventario sirve a la vez para la transparencia, la seguridad de la información, la protección de datos personales y la planeación de los datos abiertos. En la actividad siguiente encontrará una plantilla para elaborarlo.

### Un método en cuatro semanas

1. **Semana 1**: cada secretaría lista sus bases de datos, hojas de cálculo y sistemas.
2. **Semana 2**: el equipo completa la plantilla con el responsable de cada activo.
3. **Semana 3**: la oficina jurídica revisa la clasificación (pública, clasificada o reservada).
4. **Semana 4**: el comité lo aprueba, se publica y se eligen los primeros conjuntos para abrir.

### Para reflexionar

- ¿Qué base de datos de su dependencia tiene más problemas de calidad? ¿En qué dimensión?
- ¿Quién es el responsable de corregirla?
"""

M6_INVENTARIO = DemoFile(
    name="inventario-activos-informacion.csv",
    description="Plantilla en CSV para el inventario de activos de información, con filas de ejemplo de una alcaldía. Reemplace los ejemplos por los activos de su municipio y revise la clasificación con la oficina jurídica.",
    text="""\
Nombre del activo,Descripción,Dependencia responsable,Tipo,Formato,Dónde se guarda,Contiene datos personales,Contiene datos sensibles,Clasificación,Fundamento de la clasificación,Actualización,Candidato a datos abiertos
Base de contribuyentes del impuesto predial,"Predios, propietarios, avalúos y estado de cuenta",Secretaría de Hacienda,Base de datos,Sistema de impuestos,Servidor de la alcaldía,Sí,No,Clasificada,Ley 1712 de 2014 art. 18; Ley 1581 de 2012,Diaria,"Solo cifras agregadas por barrio o vereda"
Ejecución presupuestal,Compromisos y pagos por rubro,Secretaría de Hacienda,Hoja de cálculo,XLSX,Carpeta compartida de Hacienda,No,No,Pública,,Mensual,Sí
Registro de peticiones quejas y reclamos,"Solicitudes recibidas, dependencia, fechas y respuesta",Atención al Ciudadano,Sistema de información,Base de datos,Servidor de la alcaldía,Sí,Posiblemente,Clasificada,Ley 1712 de 2014 art. 18; Ley 1581 de 2012,Diaria,"Solo estadísticas por tema, canal y barrio"
Contratos suscritos,"Objeto, valor, plazo y contratista",Secretaría General,Sistema de información,Enlace al SECOP,Plataforma nacional de compras,No,No,Pública,,Con cada contrato,Sí
Beneficiarios de programas sociales,Personas inscritas en programas de la alcaldía,Secretaría de Desarrollo Social,Hoja de cálculo,XLSX,Equipo de la coordinadora del programa,Sí,Sí,Clasificada,Ley 1712 de 2014 art. 18; Ley 1581 de 2012 (datos sensibles),Mensual,"Solo cifras agregadas"
Historias laborales,Hojas de vida y novedades del personal,Talento Humano,Expediente,Papel y PDF,Archivo de gestión de Talento Humano,Sí,Sí,Clasificada,Ley 1712 de 2014 art. 18,Con cada novedad,No
Registro de industria y comercio,Establecimientos inscritos y su actividad económica,Secretaría de Hacienda,Base de datos,Sistema de impuestos,Servidor de la alcaldía,Sí,No,Pública con partes clasificadas,Ley 1712 de 2014 art. 18 (datos de contacto de personas naturales),Diaria,"Sí, sin datos de contacto de personas naturales"
Sedes y horarios de atención,Direcciones y horarios de las sedes,Atención al Ciudadano,Página web,HTML,Portal municipal,No,No,Pública,,Cuando cambie,Sí
Zonas de amenaza y riesgo,Capa geográfica del plan de ordenamiento,Secretaría de Planeación,Capa geográfica,GeoPackage,Servidor de planeación,No,No,Pública,,Con cada estudio,Sí
Actas del comité de gestión y desempeño,Decisiones y compromisos del comité,Secretaría de Planeación,Documento,PDF,Carpeta compartida de Planeación,No,No,Pública,,Con cada sesión,No
""",
)

# --- Module 7 -----------------------------------------------------------------

M7_MULTIFINALITARIO = """\
## Más que una base para cobrar impuestos

El catastro es el inventario de los predios de un territorio: dónde están, cuáles son sus linderos, qué hay construido, cuánto valen y quién los posee u ocupa. Durante décadas, en América Latina se usó sobre todo con fines fiscales: calcular el impuesto predial. El catastro **multifinalitario** (o multipropósito) amplía ese uso: la misma información sirve para planear el territorio, gestionar riesgos, dar seguridad jurídica a la tenencia de la tierra y diseñar políticas sociales.

### Los tres componentes

| Componente | Qué describe | Ejemplo de dato |
|---|---|---|
| Físico | Ubicación, forma, área y construcciones del predio | Lote de 320 m² con vivienda de dos pisos |
| Jurídico | Relación entre el predio y las personas | Propietario inscrito, poseedor u ocupante |
| Económico | Valor del predio | Avalúo catastral de 85 millones de pesos |

### El catastro multipropósito en Colombia

Colombia adoptó la política de catastro multipropósito con el documento CONPES 3958 de 2019, y la Ley 1955 de 2019 definió la gestión catastral como un servicio público. El Instituto Geográfico Agustín Codazzi (IGAC) es la máxima autoridad catastral; los municipios pueden habilitarse como **gestores catastrales**, solos o asociados con otros, para actualizar y conservar su propio catastro. Varios países de la región han emprendido procesos parecidos de modernización catastral.

### Por qué importa al municipio

- **Recaudo justo**: con avalúos desactualizados, predios parecidos pagan montos muy distintos, y el municipio deja de recibir recursos que necesita.
- **Planeación**: el plan de ordenamiento territorial necesita información confiable sobre usos del suelo y construcciones.
- **Gestión del riesgo**: saber qué viviendas están en zonas de inundación o de deslizamiento.
- **Formalización**: la seguridad jurídica de la tierra, especialmente en zonas rurales, facilita el crédito y reduce los conflictos.

### Actualización y conservación

La **actualización** renueva la información de todo el municipio o de una zona; la **conservación** mantiene al día los cambios de cada predio: compraventas, nuevas construcciones, subdivisiones. Un catastro actualizado que no se conserva vuelve a quedar obsoleto en pocos años. La clave es que la conservación sea un proceso diario, alimentado por las licencias de construcción, las escrituras y las visitas de los funcionarios.

### Para reflexionar

- ¿En qué año se actualizó por última vez el catastro de su municipio?
- ¿Qué dependencia de su alcaldía usaría la información catastral si estuviera al día?
"""

M7_SIG = """\
## Ver el territorio en un mapa

Un sistema de información geográfica (SIG) permite guardar, analizar y mostrar datos asociados a un lugar. Para una alcaldía, convierte tablas difíciles de leer en mapas que cualquiera entiende: dónde están las escuelas, qué barrios no tienen alcantarillado, qué predios están en zona de riesgo.

### Capas básicas de un SIG municipal

| Capa | Fuente habitual | Uso |
|---|---|---|
| Predios | Catastro | Recaudo, licencias, ordenamiento |
| Vías y nomenclatura | Planeación | Direcciones, rutas de recolección |
| Perímetro urbano y veredas | Plan de ordenamiento territorial | Planeación, estadísticas |
| Zonas de amenaza y riesgo | Estudios de riesgo, autoridad ambiental | Gestión del riesgo, licencias |
| Equipamientos | Cada secretaría | Cobertura de servicios |
| Redes de servicios públicos | Empresas prestadoras | Obras, expansión urbana |

### Herramientas al alcance de un municipio pequeño

No se necesitan licencias costosas para empezar. **QGIS** es un SIG de software libre, disponible en español y usado por muchas entidades públicas de la región. La cartografía oficial abierta —en Colombia, la del IGAC y la del DANE— y las imágenes de satélite de libre acceso permiten construir una primera versión. Un funcionario con formación básica puede producir mapas útiles en pocas semanas.

### Buenas prácticas

- **Un único sistema de referencia** de coordenadas para toda la alcaldía (en Colombia, el origen único nacional adoptado por el IGAC).
- **Metadatos** en cada capa: fuente, fecha, responsable y escala.
- **Un responsable de cada capa**, igual que con cualquier otro dato.
- **Mapas publicados** en el sitio web: la ciudadanía consulta el uso del suelo de su lote sin tener que ir a planeación.
- **Datos personales protegidos**: un mapa de predios con los nombres de los propietarios no se publica abierto.

### Un caso ilustrativo: la ruta de recolección

Una alcaldía del Huila cargó en un SIG los barrios, las vías y los horarios de recolección de residuos. Al ver el mapa descubrió que dos rutas se cruzaban y dejaban sin servicio a tres barrios los jueves. Reorganizar las rutas no costó nada, y las quejas por basuras bajaron en pocas semanas. Después publicó el mapa con los horarios, y las llamadas para preguntar "¿cuándo pasa el carro?" casi desaparecieron.

### Para reflexionar

- ¿Qué decisión de su dependencia sería más fácil de tomar con un mapa?
- ¿Quién en su alcaldía sabe hoy usar un SIG?
"""

M7_PREDIAL = """\
## Tres instrumentos que se necesitan entre sí

El catastro, el impuesto predial y el ordenamiento territorial (en Colombia, el POT, el PBOT o el EOT, según la población del municipio) son instrumentos distintos, pero dependen uno del otro. Gestionarlos por separado es una de las causas más comunes de la baja recaudación y del desorden urbano.

### El ciclo del predial

1. **Catastro** fija el avalúo catastral de cada predio.
2. **El concejo** aprueba las tarifas del impuesto por acuerdo municipal, dentro de los rangos que fija la ley.
3. **Hacienda** liquida el impuesto y factura.
4. **El contribuyente** paga por ventanilla, en el banco o en línea.
5. **Tesorería** concilia el recaudo y gestiona la cartera morosa.

Cuando el primer paso falla, todo lo demás se debilita: la factura llega a un propietario que ya vendió, el avalúo no refleja la casa de tres pisos que se construyó sin licencia, y los contribuyentes perciben que el cobro es injusto.

### Digitalizar el ciclo

| Etapa | Mejora digital | Efecto |
|---|---|---|
| Liquidación | Factura descargable en línea, con código de barras | Menos filas en enero |
| Pago | Pago electrónico y en corresponsales bancarios | Más recaudo a tiempo |
| Recordatorio | Avisos por correo y mensaje de texto | Menos cartera morosa |
| Atención | Consulta del estado de cuenta en línea | Menos peticiones |
| Conservación | Las licencias de construcción actualizan el catastro | Avalúos al día |

### El vínculo con el ordenamiento

El plan de ordenamiento define qué se puede construir y dónde. Cuando planeación expide una licencia urbanística, esa información debería llegar al catastro para actualizar el predio. Y cuando catastro detecta construcciones nuevas sin licencia, planeación debería saberlo. Este intercambio, que a menudo se hace en papel o no se hace, es un caso ideal para la interoperabilidad que vimos en el módulo 6.

### Cuidados con la actualización

Una actualización catastral suele subir los avalúos de muchos predios, y con ellos el impuesto. Para evitar el rechazo ciudadano conviene explicar con anticipación qué es y por qué se hace, revisar las tarifas en el concejo, aplicar los límites legales a los incrementos anuales y ofrecer un canal ágil para que cada propietario revise y reclame el avalúo de su predio.

### Para reflexionar

- ¿Cuánto tarda una licencia de construcción en reflejarse en el catastro de su municipio?
- ¿Qué parte del impuesto predial se recauda hoy en línea?
"""

M7_CASO = """\
## Un caso para analizar

*Este caso es ilustrativo: combina situaciones frecuentes en los municipios de la región.*

San Isidro de la Sierra es un municipio andino de 18 000 habitantes, con una cabecera y veintidós veredas. Su catastro se actualizó por última vez hace catorce años. En ese tiempo, la cabecera creció hacia el norte, se construyeron dos urbanizaciones y muchas fincas se subdividieron para vender lotes de recreo.

### La situación inicial

- Cerca del 40 % del recaudo del impuesto predial provenía de apenas 300 predios de la cabecera.
- Las fincas subdivididas seguían registradas como un solo predio, con el avalúo de hace catorce años.
- El concejo había rechazado dos veces ajustar las tarifas, por temor al descontento.
- La alcaldía dependía casi por completo de las transferencias nacionales para invertir.

### Lo que hizo la alcaldía

1. **Se asoció** con dos municipios vecinos para habilitarse como gestores catastrales y compartir el costo del equipo técnico.
2. **Explicó antes de medir**: durante dos meses hubo reuniones en cada vereda, con apoyo de la emisora comunitaria y de las juntas de acción comunal, para contar qué era la actualización y para qué serviría el recaudo.
3. **Usó una tecnología proporcionada**: imágenes de dron en la cabecera, imágenes de satélite en la zona rural y visitas de campo con tabletas que funcionaban sin conexión y se sincronizaban al volver a la oficina.
4. **Revisó las tarifas** con el concejo antes de publicar los nuevos avalúos, para que el aumento del impuesto fuera gradual.
5. **Abrió un canal de revisión**, en línea y presencial, donde cada propietario podía consultar su avalúo y pedir una corrección.
6. **Conectó planeación y catastro**: desde entonces, cada licencia de construcción genera una novedad catastral.

### Los resultados al tercer año

- El número de predios registrados aumentó en un tercio.
- El recaudo del predial creció de forma sostenida sin llevar las tarifas a su máximo legal.
- Se atendieron más de 900 solicitudes de revisión, la mayoría en menos de un mes.
- El municipio financió con recursos propios el mejoramiento de vías terciarias priorizadas en el presupuesto participativo.

### Preguntas para el análisis

- ¿Qué habría pasado si la alcaldía hubiera publicado los nuevos avalúos sin las reuniones previas?
- ¿Qué decisiones de este caso dependieron del alcalde y cuáles del equipo técnico?
- ¿Qué condiciones de su municipio facilitarían o dificultarían un proceso similar?
"""

# --- Module 8 -----------------------------------------------------------------

M8_MARCO = """\
## El papel y el mensaje de datos valen lo mismo

Ningún trámite en línea sirve si la respuesta no tiene validez jurídica. Por eso el gobierno electrónico descansa en normas que reconocen los medios electrónicos como equivalentes al papel. Muchos países de la región se inspiraron en la Ley Modelo de la CNUDMI sobre Comercio Electrónico (1996), que estableció el principio de **equivalencia funcional**: un mensaje de datos cumple los requisitos de escrito, firma y original si se garantizan su integridad, su autenticidad y su disponibilidad.

### Las normas clave en Colombia

| Norma | Qué establece |
|---|---|
| Ley 527 de 1999 | Validez de los mensajes de datos, firma digital y entidades de certificación |
| Ley 1341 de 2009 | Principios del sector de las TIC |
| Ley 1437 de 2011 | Medios electrónicos en el procedimiento administrativo |
| Ley 1581 de 2012 | Protección de datos personales |
| Ley 1712 de 2014 | Transparencia y acceso a la información pública |
| Ley 2052 de 2020 | Racionalización y digitalización de trámites |
| Decreto 620 de 2020 | Servicios Ciudadanos Digitales |
| Decreto 767 de 2022 | Política de Gobierno Digital |

Otros países tienen marcos equivalentes: leyes de firma electrónica, de procedimiento administrativo electrónico y de protección de datos. En una alcaldía conviene conocer las normas nacionales y también los acuerdos y decretos municipales que las aplican.

### Lo que el funcionario debe saber

- **Notificación electrónica**: según el Código de Procedimiento Administrativo (Ley 1437 de 2011), la alcaldía puede notificar por medios electrónicos a quien lo haya aceptado. Guarde la evidencia de la aceptación y del envío.
- **Radicación electrónica**: una petición recibida por correo o por formulario web tiene la misma validez que la radicada en ventanilla, y los plazos corren desde su recepción.
- **Documentos electrónicos**: un acto administrativo firmado electrónicamente es válido; no hace falta imprimirlo y firmarlo a mano para "oficializarlo".
- **Conservación**: los documentos electrónicos deben guardarse de forma que se garantice su integridad y puedan consultarse durante todo su tiempo de retención.

### Actos administrativos municipales

Para darle fuerza a la estrategia, la alcaldía puede expedir decretos que adopten la política de gobierno digital, asignen responsabilidades, establezcan la sede electrónica, definan los canales oficiales y regulen la notificación electrónica. Estos actos dan seguridad jurídica a los funcionarios que aplican los nuevos procedimientos.

### Para reflexionar

- ¿Su alcaldía acepta peticiones por correo electrónico? ¿Se radican igual que las de ventanilla?
- ¿Qué decreto municipal necesitaría su alcaldía para avanzar en la estrategia?
"""

M8_DATOS_PERSONALES = """\
## La alcaldía guarda datos de todos

La alcaldía conoce los nombres, documentos, direcciones, teléfonos, predios, ingresos, condiciones de salud o de discapacidad y la situación social de buena parte de su población. Esa información es indispensable para prestar servicios, pero también es un riesgo: una filtración puede causar daños graves a las personas.

En Colombia, la Ley 1581 de 2012 y su reglamentación, hoy compilada en el Decreto 1074 de 2015, regulan el tratamiento de datos personales, y la Superintendencia de Industria y Comercio vigila su cumplimiento. La mayoría de los países de la región tiene leyes parecidas, inspiradas en principios internacionales comunes.

### Principios que orientan el tratamiento

- **Finalidad**: los datos se recogen para un propósito legítimo, informado a la persona.
- **Libertad**: se requiere autorización previa, salvo excepciones legales, como la información que una entidad pública necesita para ejercer sus funciones.
- **Veracidad**: los datos deben ser exactos y estar actualizados.
- **Transparencia**: la persona puede saber qué datos suyos tiene la alcaldía.
- **Acceso y circulación restringidos**: solo acceden quienes los necesitan para su trabajo.
- **Seguridad**: medidas técnicas y administrativas para protegerlos.
- **Confidencialidad**: quienes los manejan guardan reserva, incluso después de dejar el cargo.

### Datos sensibles

Algunos datos merecen una protección reforzada: los de salud, origen étnico, orientación sexual, convicciones religiosas o políticas, los datos biométricos y los de niñas, niños y adolescentes. Su uso debe limitarse a lo estrictamente necesario.

### Obligaciones prácticas de la alcaldía

1. Adoptar y publicar una **política de tratamiento** de datos personales.
2. Informar a la persona, al recoger sus datos, para qué se usarán (el **aviso de privacidad**).
3. Atender las **consultas y reclamos** de los titulares: conocer, actualizar, rectificar y, cuando proceda, suprimir sus datos.
4. Registrar las bases de datos cuando la norma lo exija.
5. Reportar los **incidentes de seguridad** a la autoridad.

### Situaciones cotidianas

| Situación | Práctica correcta |
|---|---|
| Piden la lista de beneficiarios de un subsidio con sus direcciones | Entregar cifras agregadas o proteger los datos personales, según la finalidad |
| Una resolución publicada en el sitio web lleva números de documento | Publicar solo los datos necesarios |
| Un funcionario envía la base de contribuyentes a su correo personal | Prohibirlo: usar solo canales institucionales |
| La planilla de asistencia a un taller pide datos de salud | Eliminar los campos que no se necesitan |

### Para reflexionar

- ¿Qué base de datos de su dependencia contiene datos sensibles? ¿Quién tiene acceso a ella?
- ¿Su alcaldía tiene publicada su política de tratamiento de datos personales?
"""

M8_FIRMA = """\
## Firmar sin papel

Firmar es manifestar la voluntad y vincularse con un documento. En el mundo electrónico hay varias formas de hacerlo, con distintos niveles de seguridad. En Colombia, la Ley 527 de 1999 regula la firma digital, y la firma electrónica está reglamentada en el Decreto 2364 de 2012, hoy compilado en el Decreto 1074 de 2015.

### Firma electrónica y firma digital

| | Firma electrónica | Firma digital |
|---|---|---|
| Qué es | Cualquier método confiable que identifica a la persona y muestra su aprobación: una contraseña, un código enviado al celular | Una firma basada en criptografía y en un certificado emitido por una entidad de certificación |
| Seguridad | Depende del método; debe ser apropiada para el propósito | Alta: garantiza la autoría y la integridad, y revela cualquier cambio posterior |
| Costo | Bajo o nulo | Certificados con costo por firmante |
| Uso recomendado | Certificados de bajo riesgo, comunicaciones, aceptación de términos | Actos administrativos, contratos, resoluciones de alto impacto |

Ambas tienen validez jurídica si cumplen los requisitos legales. La elección depende del riesgo: no se necesita el mismo nivel para un certificado de residencia que para una resolución que otorga una licencia de construcción.

### Verificación por terceros

Un documento firmado electrónicamente gana confianza si cualquiera puede verificarlo. Muchas entidades incluyen un **código de verificación** o un **código QR** que lleva a una página oficial donde se confirma que el documento es auténtico y no ha sido modificado. Es lo mismo que hace esta plataforma con los certificados del curso: quien escanea el código ve si el certificado es genuino y si sigue vigente.

### Implementar la firma en la alcaldía

1. **Inventario** de los documentos que se firman: quién firma, cuántos al mes y qué riesgo tienen.
2. **Definir el mecanismo** para cada tipo de documento, con apoyo de la oficina jurídica.
3. **Expedir el acto administrativo** que adopta la firma electrónica y fija sus reglas.
4. **Custodia**: cada firmante responde por su certificado o su credencial; nunca se presta, ni siquiera "por una urgencia".
5. **Revocación**: cuando un funcionario deja el cargo, su certificado o credencial se revoca de inmediato.

### Errores frecuentes

- Pegar la imagen escaneada de una firma manuscrita en un PDF y llamarla "firma digital".
- Compartir el certificado del alcalde entre varios funcionarios.
- Imprimir un documento firmado digitalmente, firmarlo a mano y escanearlo: se pierde la verificación de integridad.

### Para reflexionar

- ¿Qué documento de su dependencia se firma más veces al mes? ¿Qué mecanismo de firma necesitaría?
- ¿Quién custodia hoy los certificados de firma de su alcaldía?
"""

M8_SEGURIDAD = """\
## Proteger la información es proteger el servicio

Un ataque de secuestro de datos (ransomware) puede paralizar una alcaldía durante semanas: sin acceso a la nómina, al sistema de impuestos ni a los expedientes. Entidades públicas de toda la región han sufrido incidentes así. La buena noticia es que la mayoría de los ataques aprovechan descuidos básicos, y unas medidas básicas los previenen.

### Los tres objetivos de la seguridad

- **Confidencialidad**: solo quien debe ver la información la ve.
- **Integridad**: la información no se altera sin autorización.
- **Disponibilidad**: la información y los servicios están accesibles cuando se necesitan.

En Colombia, el Modelo de Seguridad y Privacidad de la Información (MSPI) del Ministerio TIC orienta a las entidades públicas, con base en la norma ISO/IEC 27001.

### Diez medidas básicas

1. **Copias de seguridad** automáticas, con al menos una copia fuera de la red de la alcaldía y pruebas periódicas de restauración.
2. **Contraseñas largas** y únicas, guardadas en un gestor de contraseñas institucional.
3. **Verificación en dos pasos** en el correo, las redes sociales y los sistemas críticos.
4. **Actualizaciones** del sistema operativo y de los programas en cuanto se publican.
5. **Cuentas personales**: nada de usuarios compartidos como "hacienda1".
6. **Mínimo privilegio**: cada persona accede solo a lo que necesita.
7. **Retiro de accesos** el mismo día en que termina el vínculo de un funcionario o contratista.
8. **Formación contra el engaño por correo**: desconfiar de enlaces y adjuntos inesperados.
9. **Inventario** de equipos y sistemas, cada uno con su responsable.
10. **Plan de respuesta a incidentes**: a quién llamar y qué hacer en la primera hora.

### Continuidad del servicio

¿Qué pasa si se va la energía, se cae la conexión o falla el servidor? El plan de continuidad identifica los servicios críticos (nómina, recaudo, radicación) y cómo se mantienen: formularios en papel para la contingencia, una conexión de respaldo, acuerdos con el proveedor. Lo importante es que esté escrito, que el personal lo conozca y que se ensaye al menos una vez al año.

### Reportar incidentes

Un correo sospechoso, un equipo que se comporta de forma extraña o un archivo que desaparece deben reportarse de inmediato al responsable de seguridad. En Colombia, las entidades públicas pueden apoyarse en el equipo nacional de respuesta a incidentes cibernéticos, el ColCERT. Reportar pronto no es motivo de sanción: es lo que permite contener el daño.

### Para reflexionar

- ¿Cuándo se probó por última vez restaurar una copia de seguridad en su alcaldía?
- ¿Cuántas personas conocen la contraseña del correo institucional principal?
"""

# --- Module 9 -----------------------------------------------------------------

M9_MUNIPORTAL = """\
## La sede electrónica del municipio

MuniPortal es la herramienta del programa para crear y mantener el portal web de la alcaldía. Está pensada para municipios sin un equipo de desarrollo: los contenidos se editan desde el navegador, con plantillas que ya traen las secciones de transparencia, cumplen criterios de accesibilidad y funcionan en celulares y con conexiones lentas.

### Qué incluye

- **Estructura de transparencia** prediseñada, organizada según las categorías de publicación obligatoria, para completar en lugar de inventar.
- **Editor de noticias y páginas** con flujo de revisión: quien redacta no publica sin aprobación.
- **Directorio** de dependencias y funcionarios, con horarios y canales de contacto.
- **Buscador de normas**: decretos, resoluciones y acuerdos, con fecha y tema.
- **Calendario** de eventos, convocatorias y audiencias públicas.
- **Accesos** a MuniServi, MuniCompra y MuniParticipa, para que la ciudadanía encuentre todo en un solo lugar.

### Roles en MuniPortal

| Rol | Quién | Qué hace |
|---|---|---|
| Administración | Responsable de tecnología | Usuarios, estructura, configuración |
| Edición | Comunicaciones | Revisa y publica |
| Redacción | Enlace de cada secretaría | Prepara los contenidos de su área |

### Puesta en marcha en ocho semanas

1. **Semanas 1 y 2**: inventario de los contenidos del sitio actual; decidir qué se migra, qué se actualiza y qué se elimina.
2. **Semanas 3 y 4**: configurar la estructura y cargar el directorio y las normas vigentes.
3. **Semanas 5 y 6**: completar la sección de transparencia con el esquema de publicación del módulo 3.
4. **Semana 7**: pruebas con ciudadanos y revisión de accesibilidad.
5. **Semana 8**: lanzamiento, redirección de la dirección anterior y anuncio en la emisora y en las redes.

### Mantener vivo el portal

Un portal se juzga por su contenido más viejo. Fije una revisión mensual de cada sección con su responsable, y use las estadísticas de visitas para saber qué busca la gente: si muchas personas buscan "certificado de residencia", esa página debe estar en la portada.

### El dominio oficial

El portal debe usar el dominio institucional del país (en Colombia, terminado en **.gov.co**), nunca un dominio personal o del contratista. Así la ciudadanía puede distinguir el sitio oficial de las páginas falsas, y el municipio conserva el control cuando cambia de proveedor.

### Para reflexionar

- ¿Cuál es la página más visitada del sitio actual de su alcaldía? ¿Cuándo se actualizó?
- ¿Quién asumiría la edición de MuniPortal en su municipio?
"""

M9_MUNICOMPRA = """\
## Comprar bien es gobernar bien

Las compras públicas concentran una parte importante del presupuesto municipal y, con ella, buena parte de los riesgos de corrupción. MuniCompra es la herramienta del programa para planear las adquisiciones de la alcaldía, hacer seguimiento a los contratos y publicarlos en formatos abiertos. No reemplaza al sistema nacional de compras públicas —en Colombia, el SECOP II de Colombia Compra Eficiente, donde deben tramitarse los procesos—, sino que ayuda a la alcaldía a organizarse antes, durante y después de cada proceso.

### Qué ofrece

- **Plan anual de adquisiciones**: lo que la alcaldía planea comprar en el año, por dependencia y trimestre, con su valor estimado.
- **Calendario de procesos**: las fechas clave de cada proceso, con alertas.
- **Seguimiento de la ejecución**: avance físico y financiero de cada contrato, con los informes del supervisor.
- **Tablero público**: contratos en ejecución con su valor, contratista, plazo y estado, y el enlace al expediente en el sistema nacional.
- **Datos abiertos**: exportación de los contratos en CSV para la sección de transparencia.

### Señales de alerta que ayuda a ver

| Señal | Por qué preocupa |
|---|---|
| Muchos contratos directos con el mismo contratista | Posible fraccionamiento o favoritismo |
| Procesos con un solo oferente, una y otra vez | Requisitos hechos a la medida |
| Adiciones que superan con creces el valor inicial | Mala planeación o sobrecostos |
| Contratos firmados en los últimos días del año | Ejecución apresurada del presupuesto |
| Avance financiero mucho mayor que el avance de la obra | Pagos sin obra que los respalde |

Estas señales no prueban irregularidades, pero indican dónde mirar con más atención.

### Buenas prácticas de compra

- **Planear con tiempo**: la mayoría de los problemas de un contrato nacen en estudios previos deficientes.
- **Usar los acuerdos marco** y demás instrumentos de agregación de demanda cuando ofrezcan mejores precios.
- **Usar los documentos tipo**: en Colombia son obligatorios en los procesos de obra pública y reducen los requisitos hechos a la medida.
- **Supervisar de verdad**: el supervisor visita la obra y documenta el avance con fotos y fechas.
- **Publicar todo**: contrato, adiciones, informes de supervisión y liquidación.

### La ciudadanía como aliada

Las veedurías ciudadanas pueden hacer seguimiento a los contratos si tienen información. El tablero público y los datos abiertos facilitan ese control social y protegen a los funcionarios que actúan correctamente.

### Para reflexionar

- ¿Se publica hoy el plan anual de adquisiciones de su alcaldía? ¿Se cumple?
- ¿Qué contrato de su municipio le gustaría que la ciudadanía pudiera seguir en línea?
"""

M9_MUNISERVI = """\
## Una ventanilla que no cierra

MuniServi es la herramienta del programa para ofrecer trámites y servicios en línea sin desarrollar un sistema para cada uno. La alcaldía configura cada trámite —formulario, requisitos, pasos internos, plazos y documento de respuesta— y la ciudadanía lo solicita desde el portal y sigue su estado en línea.

### Cómo se configura un trámite

1. **Ficha del trámite**: nombre en lenguaje claro, para qué sirve, quién puede pedirlo, costo, plazo y norma que lo respalda, igual que en el SUIT.
2. **Formulario**: solo los campos necesarios, con ayudas y validación.
3. **Flujo interno**: qué dependencia revisa, quién aprueba y qué pasa si falta información.
4. **Respuesta**: plantilla del documento, firma electrónica y código de verificación.
5. **Notificaciones**: mensajes automáticos en cada cambio de estado.

### El tablero de la dependencia

Cada dependencia ve sus solicitudes pendientes, las que están por vencer y sus tiempos promedio de respuesta. El jefe de la dependencia puede reasignar una solicitud cuando un funcionario está ausente, de modo que nada se detiene por vacaciones o incapacidades.

### Trámites para empezar

| Trámite | Por qué es un buen comienzo |
|---|---|
| Certificado de residencia | Mucha demanda, poco riesgo, respuesta estándar |
| Paz y salvo del impuesto predial | Se genera con datos que ya tiene la alcaldía |
| Certificado de estratificación | Consulta directa a la base de estratificación |
| Permiso para eventos | Pocos pasos, aunque coordina varias dependencias |
| Solicitud de información pública | Obligatoria y con plazos legales claros |

### Métricas que ofrece

- Solicitudes por trámite, por canal y por zona (urbana o rural).
- Tiempo de respuesta promedio y máximo.
- Solicitudes respondidas fuera de plazo.
- Satisfacción de los usuarios al cerrar la solicitud.

### Convivir con la ventanilla

MuniServi también se usa en la ventanilla: el funcionario registra allí las solicitudes presenciales. Así todas las solicitudes siguen el mismo flujo, la alcaldía tiene una sola estadística y la persona puede seguir en línea una solicitud que empezó en persona.

### Para reflexionar

- ¿Cuál sería el primer trámite de su alcaldía en MuniServi? ¿Por qué?
- ¿Qué paso interno de ese trámite podría eliminarse antes de configurarlo?
"""

M9_MUNIPARTICIPA = """\
## Un espacio para proponer, opinar y decidir

MuniParticipa es la herramienta del programa para organizar procesos de participación ciudadana en línea: consultas, propuestas, votaciones y seguimiento de compromisos. Aplica lo visto en el módulo 5 con un flujo ya resuelto, para que la alcaldía se concentre en el diálogo y no en la tecnología.

### Qué ofrece

- **Consultas**: publicar un borrador —un proyecto de acuerdo, el plan de desarrollo, un reglamento— y recibir comentarios por artículo.
- **Propuestas**: la ciudadanía presenta ideas, las comenta y las apoya; las que alcanzan un número mínimo de apoyos reciben respuesta oficial.
- **Votaciones**: para el presupuesto participativo o la priorización de proyectos, con control de un voto por persona.
- **Seguimiento**: cada compromiso asumido por la alcaldía tiene una ficha con su estado y su fecha.
- **Puntos asistidos**: un funcionario puede registrar, con su consentimiento, la participación de personas sin acceso a internet.

### Reglas de moderación

Toda plataforma de participación necesita reglas claras, publicadas antes de empezar:

| Se permite | No se permite |
|---|---|
| Críticas a la gestión, aunque sean duras | Insultos, amenazas y discriminación |
| Propuestas sobre cualquier tema municipal | Publicidad comercial o propaganda electoral |
| Comentarios sin nombre, si la consulta así lo prevé | Publicar datos personales de otras personas |

Los comentarios retirados se registran, con el motivo, para evitar acusaciones de censura.

### Un proceso de ejemplo: el plan de movilidad

1. La alcaldía publica en MuniParticipa el diagnóstico y tres alternativas para el centro del municipio.
2. Durante tres semanas recibe comentarios en línea y en dos reuniones presenciales, registradas en la misma plataforma.
3. Publica un informe: cuántas personas participaron, qué dijeron, qué alternativa se ajustó y por qué.
4. Registra los compromisos —por ejemplo, una prueba piloto de seis meses— y los actualiza cada mes.

### Participación y datos personales

Algunos procesos exigen identificar a las personas, por ejemplo para votar, pero esos datos se usan solo para ese fin. Las estadísticas por edad, sexo o zona se publican siempre agregadas.

### Para reflexionar

- ¿Qué decisión de su municipio podría llevarse a MuniParticipa en los próximos seis meses?
- ¿Quién moderaría los comentarios, y con qué reglas?
"""

# --- Module 10 ----------------------------------------------------------------

M10_COMO = """\
## Lo que se espera del equipo

El proyecto final reúne lo aprendido en el curso: el equipo de cada municipio elabora la **estrategia de gobierno electrónico de su alcaldía**, lista para ser adoptada. No es un trabajo académico: es un documento que la alcaldía pueda aprobar y ejecutar.

### El producto

Un documento de entre 12 y 20 páginas, basado en la plantilla de la actividad siguiente, con:

1. El diagnóstico del municipio, con datos y evidencias.
2. La visión a cuatro años.
3. Entre tres y cinco objetivos, con indicadores, línea base y metas.
4. Los proyectos priorizados, con hoja de ruta y presupuesto estimado.
5. La gobernanza: comité, líder y enlaces.
6. Los riesgos y cómo mitigarlos.
7. El plan de seguimiento y de rendición de cuentas.

### Cómo se trabaja

- **En equipo**: participan los diez funcionarios. El coordinador distribuye las secciones según la dependencia de cada uno.
- **Con evidencia**: cada afirmación del diagnóstico se apoya en un dato, un documento o una medición hecha durante el curso.
- **Con la alcaldía**: el equipo presenta un avance al alcalde o a su delegado a mitad del proceso.
- **Con acompañamiento**: el tutor revisa un primer borrador y devuelve comentarios antes de la entrega final.

### Calendario sugerido

| Semana | Tarea |
|---|---|
| 1 | Distribuir las secciones y reunir los ejercicios de los módulos anteriores |
| 2 y 3 | Redactar el diagnóstico y la visión |
| 4 y 5 | Objetivos, indicadores y proyectos |
| 6 | Primer borrador completo al tutor |
| 7 | Ajustes y presentación al alcalde |
| 8 | Entrega final y presentación pública |

### Criterios de evaluación

- **Coherencia**: los proyectos responden a los problemas del diagnóstico.
- **Realismo**: las metas son alcanzables con los recursos disponibles.
- **Medición**: cada indicador tiene línea base, meta, fuente y responsable.
- **Apropiación**: el documento refleja la realidad del municipio y no un modelo copiado.
- **Claridad**: un concejal o un vecino puede entenderlo.

### Para reflexionar

- ¿Qué ejercicios de los módulos anteriores ya le sirven para el proyecto?
- ¿Quién en su alcaldía debe conocer el proyecto antes de la entrega final?
"""

M10_PLANTILLA = DemoFile(
    name="plantilla-estrategia-gobierno-electronico.txt",
    description="Plantilla del documento de estrategia que el equipo entrega como proyecto final. Cópiela en su procesador de textos y complete cada sección; las preguntas guía se pueden borrar al terminar.",
    text="""\
ESTRATEGIA DE GOBIERNO ELECTRÓNICO
Municipio de: ______________________   Departamento: ______________________
Periodo: 20__ – 20__         Versión: ____   Fecha: ____________
Equipo que la elaboró (nombre y dependencia):
  1. ______________________   6. ______________________
  2. ______________________   7. ______________________
  3. ______________________   8. ______________________
  4. ______________________   9. ______________________
  5. ______________________  10. ______________________

1. RESUMEN (media página)
   Qué problema resuelve la estrategia, qué cambiará para la ciudadanía y
   cuánto cuesta. Escríbalo al final.

2. DIAGNÓSTICO (3 a 5 páginas)
   2.1 El municipio: población, zona urbana y rural, conectividad.
   2.2 Resultado del autodiagnóstico (módulo 1), por sección.
   2.3 Matriz de fortalezas y debilidades, con la evidencia de cada una.
   2.4 Los diez trámites más solicitados y su nivel de digitalización.
   2.5 Lo que dice la ciudadanía: encuesta, quejas repetidas.
   Preguntas guía: ¿Qué dato nos sorprendió? ¿Quién se está quedando por fuera?

3. VISIÓN (una frase)
   "En 20__, cualquier persona de nuestro municipio podrá ..."

4. OBJETIVOS E INDICADORES
   Para cada objetivo (entre 3 y 5):
   Objetivo | Indicador | Línea base | Meta | Fuente | Responsable

5. PROYECTOS Y HOJA DE RUTA
   Para cada proyecto (entre 5 y 8):
   Nombre | Objetivo al que responde | Dependencia líder | Año | Costo estimado
   Marque las victorias tempranas (primeros seis meses).

6. PRESUPUESTO
   Costo total por año, incluidos mantenimiento, licencias, conectividad y
   capacitación. Fuentes de financiación previstas.

7. GOBERNANZA
   7.1 Instancia que aprueba y revisa (comité, periodicidad).
   7.2 Líder de la estrategia.
   7.3 Enlaces por secretaría.
   7.4 Acto administrativo que adopta la estrategia (número y fecha, si existe).

8. RIESGOS
   Riesgo | Probabilidad (alta, media, baja) | Impacto | Cómo lo mitigamos

9. SEGUIMIENTO Y RENDICIÓN DE CUENTAS
   Cada cuánto se miden los indicadores, quién informa, dónde se publica el
   avance y cómo participa la ciudadanía.

10. ANEXOS
   Autodiagnóstico, matriz de transparencia activa, inventario de activos de
   información y cualquier medición hecha durante el curso.

LISTA DE VERIFICACIÓN ANTES DE ENTREGAR
[ ] Cada proyecto responde a un problema del diagnóstico.
[ ] Cada objetivo tiene al menos un indicador con línea base y meta.
[ ] No hay cifras inventadas: lo que falta está marcado como pendiente.
[ ] El presupuesto incluye la operación, no solo la compra.
[ ] Un vecino podría entender el resumen.
[ ] El alcalde o su delegado conoce el documento.
""",
)

M10_TRABAJO = """\
## Cinco horas para escribir juntos

Esta actividad es el tiempo de trabajo del equipo sobre la plantilla. Le proponemos organizarlo en cinco sesiones de una hora, presenciales o virtuales, con un producto concreto al final de cada una. Mientras trabaja, mantenga abierta esta actividad: la plataforma registra su tiempo de estudio.

### Sesión 1: el punto de partida

- Revisen juntos el autodiagnóstico del módulo 1 y la matriz de diagnóstico del módulo 2.
- Acuerden los tres problemas principales que la estrategia debe resolver.
- **Producto**: la lista de problemas priorizados, con su evidencia.

### Sesión 2: la visión y los objetivos

- Cada persona escribe una visión de una frase; el equipo elige una o las combina.
- Para cada problema, redacten un objetivo con su indicador, línea base y meta.
- **Producto**: la visión y la tabla de objetivos e indicadores.

### Sesión 3: los proyectos

- Hagan una lluvia de ideas de proyectos y ubíquenlos en la matriz de impacto y esfuerzo.
- Elijan entre cinco y ocho proyectos e identifiquen las victorias tempranas.
- **Producto**: la hoja de ruta de cuatro años.

### Sesión 4: recursos, gobernanza y riesgos

- Estimen el costo de cada proyecto, incluidos el mantenimiento y la capacitación.
- Identifiquen las fuentes de financiación posibles.
- Definan quién aprueba, quién lidera y quiénes son los enlaces.
- **Producto**: el presupuesto estimado, el esquema de gobernanza y la matriz de riesgos.

### Sesión 5: la revisión

- Lean el documento completo en voz alta: ¿se entiende?, ¿es coherente?
- Verifiquen que cada proyecto responda a un problema y que cada objetivo tenga su indicador.
- **Producto**: el borrador listo para el tutor.

### Consejos para el trabajo en equipo

| Situación | Qué hacer |
|---|---|
| Una sola persona escribe todo | Repartir secciones por dependencia y revisar en grupo |
| Discusiones sin fin sobre una palabra | Anotar la diferencia y decidir en la sesión de revisión |
| Falta un dato | Marcarlo como pendiente, con responsable y fecha; no inventarlo |
| Alguien no puede asistir | Compartirle el documento y pedirle comentarios por escrito |
| La conexión es inestable | Trabajar en un documento sin conexión y reunir los cambios al final |

### El papel del coordinador

El coordinador cuida el calendario, convoca las sesiones, consolida el documento y mantiene informado al alcalde. En la plataforma puede ver quién ha avanzado en el curso y a quién conviene apoyar.

### Para reflexionar

- ¿Qué problema de su municipio quiere que la estrategia resuelva antes de que termine el periodo de gobierno?
- ¿Qué aporta su dependencia a la estrategia que ninguna otra puede aportar?
"""

M10_PRESENTACION = """\
## De documento a compromiso

Una estrategia que se queda en el escritorio del equipo no cambia nada. La validación busca que el alcalde la adopte, que el concejo la conozca y que la ciudadanía sepa qué puede esperar.

### Tres momentos de validación

1. **Ante el alcalde y su consejo de gobierno**: una presentación de veinte minutos con el diagnóstico, la visión, los proyectos prioritarios y lo que se necesita para ejecutarlos. Objetivo: la adopción por decreto.
2. **Ante el concejo municipal**: una presentación en sesión, con énfasis en los proyectos que requieren presupuesto o acuerdos municipales. Objetivo: un respaldo político que trascienda el periodo de gobierno.
3. **Ante la ciudadanía**: publicación en el portal, una consulta breve en MuniParticipa y una presentación en la emisora o en un espacio de rendición de cuentas. Objetivo: que la comunidad conozca los compromisos y pueda hacerles seguimiento.

### Una presentación que convence

- Empiece por un problema concreto que todos reconozcan: "Para pagar el predial, una persona de la vereda más lejana pierde un día de trabajo".
- Muestre pocos números, bien elegidos.
- Presente la victoria temprana con fecha: "En seis meses, el certificado de residencia se pedirá en línea".
- Diga qué necesita de quienes escuchan: una firma, un rubro, una sesión de seguimiento.
- Cierre con el indicador que se medirá y con la fecha en que se informará.

### Después de la aprobación

| Acción | Responsable | Plazo |
|---|---|---|
| Expedir el acto administrativo que adopta la estrategia | Oficina jurídica | 1 mes |
| Incluir los proyectos del primer año en el plan de acción | Planeación | 1 mes |
| Fijar el calendario de seguimiento en el comité | Líder de la estrategia | 1 mes |
| Publicar la estrategia y el tablero de indicadores | Comunicaciones | 2 meses |
| Presentar el primer informe de avance | Líder de la estrategia | 6 meses |

### El cierre del curso

Con el proyecto final, cada participante completa las cien horas del curso. Quienes cumplan los requisitos de horas, actividades y calificación recibirán su certificado, que cualquier persona puede verificar con su código QR. Cuando diez funcionarios de un municipio estén certificados, el municipio alcanzará el hito de formación del programa.

### Para reflexionar

- ¿Con qué frase abriría la presentación ante el alcalde?
- ¿Qué compromiso concreto le pediría al concejo municipal?
"""


# --- The course -----------------------------------------------------------------

_VIEWED = CompletionRule.VIEWED


def _quiz(module: int, *, time_limit_minutes: int | None = None) -> DemoActivity:
    """The short quiz that closes a module: half an hour, complete when passed."""
    return DemoActivity(
        f"Cuestionario del módulo {module}",
        0.5,
        quiz=DemoQuiz(module, time_limit_minutes=time_limit_minutes),
        completion=CompletionRule.PASSED,
    )


COURSE = DemoCourse(
    code="GEM-100",
    title="Gobierno Electrónico Municipal",
    description=(
        "Curso de 100 horas para los equipos municipales del programa MuNet: estrategia, "
        "transparencia, eficiencia, participación, interoperabilidad y datos abiertos, catastro, "
        "marco legal y herramientas de gobierno electrónico, con un proyecto final aplicado a "
        "cada municipio."
    ),
    language="es",
    required_seconds=100 * 3600,
    modules=(
        DemoModule(
            "Introducción al gobierno electrónico municipal",
            "Qué es el gobierno electrónico, por qué empieza en el municipio y quién lo hace posible en la alcaldía.",
            (
                DemoActivity("¿Qué es el gobierno electrónico municipal?", 1.5, page=M1_QUE_ES),
                DemoActivity(
                    "Etapas de madurez: de la información a la transformación", 1.5, page=M1_ETAPAS
                ),
                DemoActivity(
                    "El equipo municipal de gobierno electrónico",
                    1.5,
                    page=M1_EQUIPO,
                    completion=_VIEWED,
                ),
                DemoActivity(
                    "Autodiagnóstico digital del municipio (lista de verificación)",
                    1,
                    file=M1_AUTODIAGNOSTICO,
                ),
                _quiz(1),
            ),
        ),
        DemoModule(
            "Estrategia de gobierno electrónico",
            "Cómo pasar de proyectos sueltos a una estrategia con diagnóstico, objetivos, indicadores, hoja de ruta y presupuesto.",
            (
                DemoActivity("Por qué una estrategia y no proyectos sueltos", 2, page=M2_POR_QUE),
                DemoActivity("Diagnóstico: el punto de partida", 2.5, page=M2_DIAGNOSTICO),
                DemoActivity("Visión, objetivos e indicadores", 2.5, page=M2_VISION),
                DemoActivity("Hoja de ruta, presupuesto y gobernanza", 2.5, page=M2_HOJA_DE_RUTA),
                _quiz(2),
            ),
        ),
        DemoModule(
            "Transparencia y acceso a la información pública",
            "El derecho de acceso a la información, qué debe publicar la alcaldía y cómo responder bien y a tiempo las solicitudes.",
            (
                DemoActivity("La transparencia como derecho", 2.5, page=M3_DERECHO),
                DemoActivity("Transparencia activa: qué publicar y cómo", 2.5, page=M3_ACTIVA),
                DemoActivity("Responder solicitudes de información", 2.5, page=M3_PASIVA),
                DemoActivity("Matriz de transparencia activa (plantilla)", 1.5, file=M3_MATRIZ),
                DemoActivity(
                    "Lectura complementaria: rendición de cuentas en línea",
                    1.5,
                    page=M3_RENDICION,
                    completion=_VIEWED,
                ),
                _quiz(3),
            ),
        ),
        DemoModule(
            "Eficiencia administrativa y trámites en línea",
            "Simplificar los trámites antes de digitalizarlos, ofrecerlos en línea, gestionar documentos electrónicos y medir la mejora.",
            (
                DemoActivity("Simplificar antes de digitalizar", 3, page=M4_SIMPLIFICAR),
                DemoActivity("Del trámite presencial al trámite en línea", 2.5, page=M4_EN_LINEA),
                DemoActivity(
                    "Gestión documental electrónica y expediente digital", 2.5, page=M4_DOCUMENTAL
                ),
                DemoActivity(
                    "Medir la eficiencia: tiempo, costo y satisfacción", 2.5, page=M4_MEDIR
                ),
                _quiz(4),
            ),
        ),
        DemoModule(
            "Participación ciudadana digital",
            "Niveles y herramientas de participación en línea, presupuesto participativo y la inclusión de quienes no están conectados.",
            (
                DemoActivity(
                    "Niveles de participación: informar, consultar, colaborar, decidir",
                    2.5,
                    page=M5_NIVELES,
                ),
                DemoActivity("Presupuesto participativo digital", 2.5, page=M5_PRESUPUESTO),
                DemoActivity("Peticiones, redes sociales y canales de diálogo", 2, page=M5_CANALES),
                DemoActivity(
                    "Inclusión digital: que nadie quede por fuera",
                    2.5,
                    page=M5_INCLUSION,
                    completion=_VIEWED,
                ),
                _quiz(5, time_limit_minutes=20),
            ),
        ),
        DemoModule(
            "Interoperabilidad y datos abiertos",
            "Cómo hacer que los sistemas intercambien información y cómo publicar datos abiertos útiles y de calidad.",
            (
                DemoActivity(
                    "Interoperabilidad: que los sistemas conversen", 2.5, page=M6_INTEROPERABILIDAD
                ),
                DemoActivity("Datos abiertos: principios y publicación", 3, page=M6_DATOS_ABIERTOS),
                DemoActivity(
                    "Calidad de los datos e inventario de información", 2, page=M6_CALIDAD
                ),
                DemoActivity(
                    "Inventario de activos de información (plantilla)", 2, file=M6_INVENTARIO
                ),
                _quiz(6),
            ),
        ),
        DemoModule(
            "Catastro multifinalitario y gestión territorial",
            "Del catastro fiscal al multifinalitario: información territorial para recaudar mejor, planear el territorio y servir a la ciudadanía.",
            (
                DemoActivity(
                    "Del catastro fiscal al catastro multifinalitario",
                    2.5,
                    page=M7_MULTIFINALITARIO,
                ),
                DemoActivity("Información geográfica al servicio del municipio", 2.5, page=M7_SIG),
                DemoActivity(
                    "Catastro, impuesto predial y ordenamiento territorial", 2.5, page=M7_PREDIAL
                ),
                DemoActivity(
                    "Caso: actualización catastral en un municipio pequeño",
                    2,
                    page=M7_CASO,
                    completion=_VIEWED,
                ),
                _quiz(7),
            ),
        ),
        DemoModule(
            "Marco legal, protección de datos y firma electrónica",
            "Las normas que dan validez al gobierno digital, la protección de los datos personales, la firma electrónica y la seguridad de la información.",
            (
                DemoActivity("El marco jurídico del gobierno digital", 2.5, page=M8_MARCO),
                DemoActivity(
                    "Protección de datos personales en la alcaldía", 2.5, page=M8_DATOS_PERSONALES
                ),
                DemoActivity("Firma electrónica y firma digital", 2.5, page=M8_FIRMA),
                DemoActivity(
                    "Seguridad de la información y continuidad del servicio", 2, page=M8_SEGURIDAD
                ),
                _quiz(8),
            ),
        ),
        DemoModule(
            "Herramientas municipales: MuniPortal, MuniCompra, MuniServi y MuniParticipa",
            "Las cuatro herramientas del programa para el portal, las compras públicas, los trámites y la participación, y cómo adoptarlas.",
            (
                DemoActivity("MuniPortal: el portal web municipal", 2.5, page=M9_MUNIPORTAL),
                DemoActivity("MuniCompra: compras públicas transparentes", 2.5, page=M9_MUNICOMPRA),
                DemoActivity("MuniServi: trámites y servicios en línea", 2.5, page=M9_MUNISERVI),
                DemoActivity(
                    "MuniParticipa: participación ciudadana en línea", 2, page=M9_MUNIPARTICIPA
                ),
                _quiz(9),
            ),
        ),
        DemoModule(
            "Proyecto final: la estrategia de gobierno electrónico del municipio",
            "El equipo elabora, valida y presenta la estrategia de gobierno electrónico de su municipio.",
            (
                DemoActivity("Cómo se elabora el proyecto final", 1.5, page=M10_COMO),
                DemoActivity(
                    "Plantilla de la estrategia municipal de gobierno electrónico",
                    1,
                    file=M10_PLANTILLA,
                ),
                DemoActivity("Trabajo en equipo: elaborar la estrategia", 5, page=M10_TRABAJO),
                DemoActivity(
                    "Presentación y validación de la estrategia", 1.5, page=M10_PRESENTACION
                ),
                DemoActivity(
                    "Proyecto final: estrategia de gobierno electrónico del municipio",
                    3,
                    assignment=PROJECT,
                    completion=CompletionRule.GRADED,
                ),
            ),
        ),
    ),
)

RUN = DemoRun(
    title="Cohorte 1 · 2026",
    starts_on=datetime.date(2026, 3, 2),
    ends_on=datetime.date(2026, 12, 11),
)
