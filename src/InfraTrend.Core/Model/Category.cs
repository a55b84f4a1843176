namespace InfraTrend.Model;

/// <summary>The eight areas an audit scores; their ids and display names are in <see cref="Categories"/>.</summary>
public enum Category
{
    Deployment,
    Ci,
    Monitoring,
    Security,
    Database,
    Operations,
    Testing,
    Scaling,
}
